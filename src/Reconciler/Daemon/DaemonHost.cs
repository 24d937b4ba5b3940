using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.Cli;
using Reconciler.Daemon.Http;
using Reconciler.GitOps;

namespace Reconciler.Daemon;

/// <summary>
/// `reconciler serve`: a Microsoft.Extensions.Hosting host with Kestrel on daemon.listen, the reconcile loop as a
/// background service, and the HTTP surface: /healthz, /readyz, /metrics, /webhooks/github, the status pages and
/// the /invite seam. Logs go to the console, as JSON lines when standard output is not a terminal.
/// </summary>
public static class DaemonHost
{
    public static string Version =>
        typeof(DaemonHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task<int> RunAsync(DaemonOptions options, CliServices services, CancellationToken ct)
    {
        Directory.CreateDirectory(options.WorkDirectory);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = options.WorkDirectory });
        builder.Logging.ClearProviders();
        if (Console.IsOutputRedirected)
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }

        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.WebHost.ConfigureKestrel(k => k.Listen(options.Listen));
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = CliApp.GracefulStopLimit);

        await using var store = await StateStore.OpenAsync(options.StatePath, ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var board = new StatusBoard { StartedAt = services.Clock.GetUtcNow() };
        var repo = new GitRepository(options.RepositoryUrl, options.Branch, options.CloneDirectory, new GitCredentials(options.RepositoryUrl, options.Credentials, options.WorkDirectory, Path.GetDirectoryName(options.ConfigFile)), options.Author);
        var s = builder.Services;
        s.AddSingleton(options);
        s.AddSingleton(services);
        s.AddSingleton(services.Clock);
        s.AddSingleton(repo);
        s.AddSingleton(store);
        s.AddSingleton(board);
        s.AddSingleton<DaemonMetrics>();
        s.AddSingleton<ReconcileTrigger>();
        s.AddSingleton<DeliveryLog>(_ => new DeliveryLog());
        s.AddSingleton<IApprovalSource>(new RepoApprovalSource(() => options.CloneDirectory));
        if (options.AlertWebhook is { } url)
        {
            s.AddSingleton<IAlertSink>(sp => new WebhookAlertSink(http, url, sp.GetRequiredService<ILogger<WebhookAlertSink>>()));
        }

        s.AddSingleton<IPullRequestWorkflow, NoPullRequestWorkflow>();
        s.AddSingleton<ReconcileEngine>();
        s.AddSingleton<GitHubWebhook>();
        s.AddSingleton<StatusPages>();
        s.AddHostedService<ReconcileLoop>();

        var app = builder.Build();
        Map(app, options, board);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Reconciler.Daemon");
        using var stop = ct.Register(() => app.Lifetime.StopApplication());
        try
        {
            await app.StartAsync(CancellationToken.None);
        }
        catch (IOException e)
        {
            log.LogCritical("Cannot listen on {Listen}: {Error}", options.Listen, e.Message);
            await services.Error.WriteLineAsync($"reconciler: cannot listen on {options.Listen}: {e.Message}; change daemon.listen or --listen");
            return ExitCodes.Errors;
        }

        log.LogInformation("reconciler {Version} serving on http://{Listen} (work folder {Work})", options.Version, options.Listen, options.WorkDirectory);
        await app.WaitForShutdownAsync(CancellationToken.None);
        await app.DisposeAsync();
        return ExitCodes.Ok;
    }

    private static void Map(WebApplication app, DaemonOptions options, StatusBoard board)
    {
        var gate = new BearerTokenGate(options.StatusToken);
        app.Use(gate.InvokeAsync);
        app.MapGet("/healthz", Text("ok"));
        app.MapGet("/readyz", new RequestDelegate(async context =>
        {
            var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            // Stale after three missed polls (one slow or failed fetch is not a reason to pull the replica), and
            // never sooner than 30 s, so short poll intervals do not make readiness flap.
            var stale = options.PollInterval * 3 + TimeSpan.FromSeconds(30);
            var (ready, why) = !board.Cloned ? (false, "repository not cloned yet")
                : board.LastFetch is not { } f ? (false, "no fetch yet")
                : now - f > stale ? (false, $"last successful fetch {(int)(now - f).TotalSeconds} s ago: {board.LastFetchError}")
                : (true, "ready");
            context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync(why + "\n");
        }));
        app.MapGet("/metrics", new RequestDelegate(async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await context.Response.WriteAsync(app.Services.GetRequiredService<DaemonMetrics>().Render(board));
        }));
        var webhook = app.Services.GetRequiredService<GitHubWebhook>();
        app.MapPost("/webhooks/github", new RequestDelegate(webhook.HandleAsync));
        var pages = app.Services.GetRequiredService<StatusPages>();
        app.MapGet("/", new RequestDelegate(pages.IndexAsync));
        app.MapGet("/domains/{domain}", new RequestDelegate(pages.DomainAsync));
        app.MapGet("/api/domains", new RequestDelegate(pages.JsonAsync));

        // Seam for the mailbox-invite issue: the path is reserved (and open, with its own tokens) but not served yet.
        app.MapGet("/invite/{token}", new RequestDelegate(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }));
    }

    private static RequestDelegate Text(string text) => context => context.Response.WriteAsync(text + "\n");
}
