using Reconciler.Cli;
using Reconciler.Planning;
using Reconciler.Posture.Manifest;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C asks for a clean stop (finish or journal the step in flight); a second one kills.
    e.Cancel = !cancel.IsCancellationRequested;
    cancel.Cancel();
};

var color = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
var services = new CliServices(Console.Out, Console.Error, color, TimeProvider.System)
{
    Input = Console.IsInputRedirected ? null : Console.In,
    Interactive = !Console.IsErrorRedirected,
    ExtraRules = [new PostureManifestRule(), new RecordValueRule()],
};
return await CliApp.RunAsync(args, services, cancel.Token);
