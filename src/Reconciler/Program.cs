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
TimeProvider clock;
try
{
    clock = TestClock.FromEnvironment(Environment.GetEnvironmentVariable(TestClock.OffsetVariable));
}
catch (FormatException e)
{
    await Console.Error.WriteLineAsync($"reconciler: {e.Message}");
    return ExitCodes.Usage;
}

if (clock is TestClock shifted)
{
    // Said on every run, so a shifted clock can never go unnoticed outside the tests it exists for.
    await Console.Error.WriteLineAsync($"reconciler: test clock: {TestClock.OffsetVariable} shifts the clock by {shifted.Offset.TotalSeconds:0} s");
}

var services = new CliServices(Console.Out, Console.Error, color, clock)
{
    Input = Console.IsInputRedirected ? null : Console.In,
    Interactive = !Console.IsErrorRedirected,
    ExtraRules = [new PostureManifestRule(), new RecordValueRule()],
};
return await CliApp.RunAsync(args, services, cancel.Token);
