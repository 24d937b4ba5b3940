using Reconciler.Dns;
using Reconciler.Dns.Records;
using Reconciler.Integration.Tests.Dns.Servers;
using Reconciler.Providers;
using Reconciler.Providers.Rfc2136;
using Reconciler.Schema.Loading;
using Reconciler.Schema.Model;

namespace Reconciler.Integration.Tests.Dns.Providers;

public sealed class BindRfc2136ProviderTests(BindFixture fixture) : Rfc2136ProviderTests, IClassFixture<BindFixture>
{
    protected override DnsTestServer Server => fixture.Server;

    protected override string WrongKeyVerdict => "rejected our TSIG signature (BADSIG)";

    protected override string NoKeyRcode => "(REFUSED)";

    [Fact]
    public async Task Settings_come_from_reconciler_yaml_with_a_bind_key_file_through_its_reference()
    {
        var dir = Directory.CreateTempSubdirectory("rfc2136-config-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "tsig.key"), $$"""
                key "{{DnsTestServer.KeyName}}" {
                	algorithm hmac-sha256;
                	secret "{{DnsTestServer.Secret}}";
                };
                """);
            var config = Config(
                ("server", new StringNode(Server.Address.ToString(), default)),
                ("tsigKey", new StringNode("file:tsig.key", default)),
                ("nameServers", new ListNode([new StringNode(Server.Address.ToString(), default)], default)),
                ("timeoutSeconds", new NumberNode(1.5m, default)),
                ("verifyDeadlineSeconds", new NumberNode(5m, default)));
            var provider = Rfc2136Provider.FromConfig(config, dir.FullName);
            var zone = Server.NextZone();
            await provider.ApplyAsync(zone, null, new RecordSet(DnsName.Parse("configured", zone), RecordType.A, 60, [AData.Parse("192.0.2.9")]), CancellationToken.None);
            (await provider.ReadZoneAsync(zone, CancellationToken.None))!.RecordSets.Should().Contain(s => s.Name == DnsName.Parse("configured", zone));

            var missing = Config(("server", new StringNode(Server.Address.ToString(), default)), ("tsigKey", new StringNode("file:nope.key", default)));
            var act = () => Rfc2136Provider.FromConfig(missing, dir.FullName).ReadZoneAsync(zone, CancellationToken.None);
            (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("secret reference 'file:nope.key': the file").And.Contain("does not exist");

            var badServer = Config(("server", new StringNode("127.0.0.1:99999", default)));
            var act2 = () => Rfc2136Provider.FromConfig(badServer, dir.FullName);
            act2.Should().Throw<ProviderException>().Which.Message.Should().Contain("setting 'server'").And.Contain("1 to 65535");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_cname_beside_other_data_that_bind_silently_ignores_is_caught_by_verification()
    {
        var zone = Server.NextZone();
        var provider = Provider(verifySeconds: 0.5);
        var cname = new RecordSet(DnsName.Parse("www", zone), RecordType.CNAME, 300, [CnameData.Parse("mail", zone)]);

        var act = () => provider.ApplyAsync(zone, null, cname, CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("still does not serve it").And.Contain("CNAME beside other data");
    }

    private static ProviderConfig Config(params (string Key, Node Value)[] settings) =>
        new("dns", "rfc2136", new MapNode(settings.Select(s => new MapEntry(s.Key, default, s.Value)).ToList(), default), 4, default);
}
