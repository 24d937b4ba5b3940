using System.Net.Sockets;
using System.Net;
using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>Broken job files: file:line:col diagnostics with stable codes, exit 1, and no connection to any server.</summary>
public sealed class MigrateJobFileTests : IAsyncLifetime
{
    private readonly TcpListener _trap = new(IPAddress.Loopback, 0);
    private int _connections;
    private Task? _accepting;
    private readonly CancellationTokenSource _stop = new();

    private int Port => ((IPEndPoint)_trap.LocalEndpoint).Port;

    public Task InitializeAsync()
    {
        _trap.Start();
        _accepting = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _trap.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _connections);
            }
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _trap.Stop();
        try
        {
            await _accepting!;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    public static TheoryData<string, string, string> BrokenJobs => new()
    {
        {
            "a misspelt property",
            "batchsize: 10\n",
            @"job\.yaml:11:1: error MIGRATE003: .*batchsize"
        },
        {
            "a password written into the file",
            "",
            @"job\.yaml:7:47: error MIGRATE005: mailboxes\[0\]\.source\.password: a password is given as 'env:NAME' or 'file:/path'"
        },
        {
            "an unknown security mode",
            "",
            @"job\.yaml:5:13: error MIGRATE004: source\.security: expected one of: plain, tls, starttls"
        },
        {
            "a missing environment variable",
            "",
            @"job\.yaml:8:\d+: error MIGRATE010: secret reference 'env:RECONCILER_TEST_UNSET_SECRET': the environment variable RECONCILER_TEST_UNSET_SECRET is not set; export it"
        },
        {
            "a rule without action",
            "folders:\n  rules:\n    - from: Junk\n",
            @"job\.yaml:13:7: error MIGRATE015: the rule for 'Junk' has neither 'to' nor 'skip: true'"
        },
        {
            "no mailboxes",
            "",
            @"job\.yaml:1:1: error MIGRATE002: missing required property 'mailboxes'"
        },
        {
            "broken YAML",
            "retry: { attempts: 3\n",
            @"job\.yaml:\d+:\d+: error YAML001: YAML syntax error"
        },
    };

    [Theory]
    [MemberData(nameof(BrokenJobs))]
    public async Task A_broken_job_file_is_reported_with_its_position_and_touches_no_server(string what, string extra, string expected)
    {
        using var job = new JobFolder();
        var secret = job.Secret("pw", "secret");
        var text = $$"""
            name: broken
            source:
              host: 127.0.0.1
              port: {{Port}}
              security: plain
            mailboxes:
              - source: { user: a@example.test, password: {{secret}} }
                destination: { user: a@example.test, password: {{secret}} }
            destination: { host: 127.0.0.1, port: {{Port}}, security: plain }
            verify: true
            {{extra}}
            """;
        text = what switch
        {
            "a password written into the file" => text.Replace($"source: {{ user: a@example.test, password: {secret} }}", "source: { user: a@example.test, password: hunter2 }", StringComparison.Ordinal),
            "an unknown security mode" => text.Replace("  security: plain\nmailboxes", "  security: ssl\nmailboxes", StringComparison.Ordinal),
            "a missing environment variable" => text.Replace($"destination: {{ user: a@example.test, password: {secret} }}", "destination: { user: a@example.test, password: env:RECONCILER_TEST_UNSET_SECRET }", StringComparison.Ordinal),
            "no mailboxes" => string.Join('\n', text.Split('\n').Where(l => !l.Contains("mailboxes:", StringComparison.Ordinal) && !l.Contains("a@example.test", StringComparison.Ordinal))),
            _ => text,
        };
        job.WriteJob(text);

        var run = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml");
        run.ExitCode.Should().Be(1, run.Output);
        run.StdErr.Should().MatchRegex(expected, what);
        run.StdErr.Should().Contain("no server was contacted").And.NotContain("hunter2");
        File.Exists(job.CheckpointPath).Should().BeFalse();
        await Task.Delay(100);
        Volatile.Read(ref _connections).Should().Be(0, "a bad job file touches no server");
    }

    [Fact]
    public async Task Usage_errors_exit_2_before_any_connection()
    {
        using var job = new JobFolder();
        var secret = job.Secret("pw", "secret");
        job.WriteJob($$"""
            source: { host: 127.0.0.1, port: {{Port}}, security: plain }
            destination: { host: 127.0.0.1, port: {{Port}}, security: plain }
            mailboxes:
              - name: alice
                source: { user: a@example.test, password: {{secret}} }
                destination: { user: a@example.test, password: {{secret}} }
            """);

        var unknown = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--mailbox", "bob");
        unknown.ExitCode.Should().Be(2, unknown.Output);
        unknown.StdErr.Should().Contain("the job has no mailbox named 'bob'");
        var missing = await ReconcilerProcess.RunAsync(job.Path, "migrate");
        missing.ExitCode.Should().Be(2, missing.Output);
        missing.StdErr.Should().Contain("migrate needs a job file");
        var badOption = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "fancy");
        badOption.ExitCode.Should().Be(2, badOption.Output);
        await Task.Delay(100);
        Volatile.Read(ref _connections).Should().Be(0);
    }

    [Fact]
    public async Task The_schema_is_printed_and_every_property_has_a_description()
    {
        var run = await ReconcilerProcess.RunAsync(Path.GetTempPath(), "migrate", "--schema");
        run.ExitCode.Should().Be(0, run.Output);
        using var doc = System.Text.Json.JsonDocument.Parse(run.StdOut);
        var missing = new List<string>();
        Walk(doc.RootElement, "", missing);
        missing.Should().BeEmpty("every property says what it means");

        static void Walk(System.Text.Json.JsonElement schema, string path, List<string> missing)
        {
            if (schema.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return;
            }

            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var p in properties.EnumerateObject())
                {
                    if (!p.Value.TryGetProperty("description", out _))
                    {
                        missing.Add(path + "/" + p.Name);
                    }

                    Walk(p.Value, path + "/" + p.Name, missing);
                }
            }

            foreach (var key in new[] { "$defs", "items" })
            {
                if (schema.TryGetProperty(key, out var child))
                {
                    if (key == "$defs")
                    {
                        foreach (var d in child.EnumerateObject())
                        {
                            Walk(d.Value, path + "/$defs/" + d.Name, missing);
                        }
                    }
                    else
                    {
                        Walk(child, path + "/items", missing);
                    }
                }
            }
        }
    }
}
