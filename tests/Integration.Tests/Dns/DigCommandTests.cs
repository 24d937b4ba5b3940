using Reconciler.Cli;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Tests.Common;

namespace Reconciler.Integration.Tests.Dns;

/// <summary>`reconciler dig` against a real BIND, run in-process through the CLI.</summary>
public sealed class DigCommandTests(BindFixture fixture) : IClassFixture<BindFixture>
{
    private BindServer Server => fixture.Server;

    [Fact]
    public async Task Prints_the_answer_in_presentation_format()
    {
        var zone = Server.NextZone();
        var (code, stdout, stderr) = await RunAsync("dig", $"www.{zone}", "A", $"@{Server.Address}", "--norec");
        code.Should().Be(0, stderr);
        stdout.Should().Contain(";; opcode: QUERY, status: NOERROR").And.Contain(";; flags: qr aa");
        stdout.Should().Contain($"www.{zone} 300 IN A 192.0.2.10\n");
        stdout.Should().Contain($";; SERVER: {Server.Address}");
    }

    [Fact]
    public async Task Lists_a_zone_by_axfr_with_a_key_from_a_file_reference()
    {
        var zone = Server.NextZone();
        var keyFile = Path.Combine(Server.Directory, "dig.key");
        await File.WriteAllTextAsync(keyFile, DnsTestServer.Key.Name + ":hmac-sha256:" + DnsTestServer.Secret);
        var (code, stdout, stderr) = await RunAsync("dig", zone.ToString(), "AXFR", $"@{Server.Address}", "--tsig-key", $"file:{keyFile}");
        code.Should().Be(0, stderr);
        stdout.Should().Contain($"private.{zone} 300 IN TYPE65280 \\# 4 DEADBEEF").And.Contain(";; 16 records from");
    }

    [Fact]
    public async Task Usage_and_network_errors_are_one_line()
    {
        var (code, _, stderr) = await RunAsync("dig", "example.test", "BOGUS", "@127.0.0.1:53");
        code.Should().Be(ExitCodes.Usage);
        stderr.Should().StartWith("reconciler dig: unknown record type 'BOGUS'");

        var port = FreePort.Next();
        (code, _, stderr) = await RunAsync("dig", "example.test", "SOA", $"@127.0.0.1:{port}");
        code.Should().Be(ExitCodes.Errors);
        stderr.TrimEnd().Should().Be($"reconciler dig: nothing answers DNS at 127.0.0.1:{port} (127.0.0.1:{port}: connection refused): check that the server runs and the address and port are right");
    }

    private static async Task<(int Code, string StdOut, string StdErr)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var services = new CliServices(output, error, color: false, TimeProvider.System);
        var code = await CliApp.RunAsync(args, services, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
