using Reconciler.Integration.Tests.Imap;
using Reconciler.Migration.Imap;
using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Migration;

/// <summary>A destination reachable only over TLS: implicit TLS and STARTTLS with a private CA, and a refused certificate.</summary>
[Collection(MigrationCollection.Name)]
public sealed class MigrateTlsTests(MigrationServers servers)
{
    [Fact]
    public async Task Tls_and_starttls_work_with_a_private_CA_and_an_untrusted_certificate_fails_without_retrying()
    {
        using var certificates = TestCertificates.Create();
        await using var tls = await DovecotServer.StartAsync(certificates);
        using var job = new JobFolder();
        File.WriteAllText(Path.Combine(job.Path, "ca.pem"), certificates.Authority.ExportCertificatePem() + "\n");
        var sourcePassword = job.Secret("source-pw", servers.Source.Password);
        var destinationPassword = job.Secret("destination-pw", tls.Password);

        foreach (var (security, port, trust, expectedExit) in new[]
                 {
                     ("tls", tls.ImapsPort!.Value, "caFile: ca.pem\n  revocation: none", 0),
                     ("starttls", tls.ImapPort, "caFile: ca.pem\n  revocation: none", 0),
                     ("tls", tls.ImapsPort!.Value, "revocation: none", 1),
                 })
        {
            var user = await servers.NewUserAsync();
            var (destinationUser, _) = await tls.CreateUserAsync();
            await using (var seed = await MigrationServers.LoginAsync(servers.Source, user))
            {
                await seed.AppendAsync("INBOX", ImapAppendMessage.FromBytes(MigrationCorpus.Plain($"tls.{user}", "over TLS", "secret content")));
            }

            job.WriteJob($$"""
                source: { host: 127.0.0.1, port: {{servers.Source.ImapPort}}, security: plain }
                destination:
                  host: 127.0.0.1
                  port: {{port}}
                  security: {{security}}
                  {{trust}}
                mailboxes:
                  - name: m
                    source: { user: {{user}}, password: {{sourcePassword}} }
                    destination: { user: {{destinationUser}}, password: {{destinationPassword}} }
                retry: { attempts: 3, delaySeconds: 0.1 }
                checkpoint: {{security}}-{{expectedExit}}.db

                """);
            var run = await ReconcilerProcess.RunAsync(job.Path, "migrate", "job.yaml", "--progress", "json", "--report", "report.json");
            run.ExitCode.Should().Be(expectedExit, run.Output);
            var mailbox = job.ReadReport().Mailbox("m");
            if (expectedExit == 0)
            {
                mailbox.GetProperty("copiedMessages").GetInt64().Should().Be(1);
            }
            else
            {
                mailbox.GetProperty("attempts").GetInt32().Should().Be(1, "an untrusted certificate does not get better by retrying");
                mailbox.GetProperty("reason").GetString().Should().Contain($"connecting to the destination server 127.0.0.1:{port}")
                    .And.ContainEquivalentOf("certificate");
            }
        }
    }
}
