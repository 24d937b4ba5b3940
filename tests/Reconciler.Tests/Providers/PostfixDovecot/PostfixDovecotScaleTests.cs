using System.Diagnostics;
using System.Text;
using Reconciler.Providers;
using Reconciler.Providers.PostfixDovecot;
using Reconciler.Schema.Model;
using Xunit.Abstractions;

namespace Reconciler.Tests.Providers.PostfixDovecot;

/// <summary>
/// The planner's load: 10,000 domains with 10 mailboxes each, read domain by domain, then 1,000 steps, checked for
/// what survives (every domain readable, each step's effect, hashes carried over). The times are printed for a
/// reader; they are measured by the benchmarks (bench/), not asserted on a shared machine.
/// </summary>
public sealed class PostfixDovecotScaleTests(ITestOutputHelper output) : IDisposable
{
    private const int Domains = 10_000;
    private const int MailboxesPerDomain = 10;
    private const string Hash = "{SHA512-CRYPT}$6$WSL35kM/zzdvYHty$.tJwXHpwX/FvW4A7OamtneoVgfbK.porZGHgR4LC/oCpfrvKtS8kZT8YA1j3mPUKsfDDfV/pygVi7l.1TmcHP.";

    private readonly MailStateFolder _folder = new();

    private static string DomainName(int i) => $"client{i:D5}.example";

    [Fact]
    public async Task Ten_thousand_domains_read_from_one_parse_and_a_thousand_steps_rewrite_only_what_they_touch()
    {
        WriteLargeState();
        var provider = new PostfixDovecotProvider("mailhost", new PostfixDovecotSettings(_folder.Path));

        var clock = Stopwatch.StartNew();
        var first = await provider.ReadDomainAsync(DomainName(0), CancellationToken.None);
        var parse = clock.Elapsed;
        first!.Mailboxes.Should().HaveCount(MailboxesPerDomain);

        clock.Restart();
        var mailboxes = 0;
        for (var i = 0; i < Domains; i++)
        {
            mailboxes += (await provider.ReadDomainAsync(DomainName(i), CancellationToken.None))!.Mailboxes.Count;
        }

        var reads = clock.Elapsed;
        mailboxes.Should().Be(Domains * MailboxesPerDomain);

        clock.Restart();
        for (var step = 0; step < 1_000; step++)
        {
            var domain = DomainName(step * 7 % Domains);
            switch (step % 4)
            {
                case 0:
                    await provider.ApplyAsync(domain, null, new MailboxResource($"new{step}@{domain}", MailboxState.Invited, "1G", null), CancellationToken.None);
                    break;
                case 1:
                    var box = new MailboxResource($"user3@{domain}", MailboxState.Active, "2G", "User 3");
                    await provider.ApplyAsync(domain, box, box with { State = MailboxState.Suspended }, CancellationToken.None);
                    break;
                case 2:
                    await provider.ApplyAsync(domain, null, new RouteResource($"team{step}@{domain}", [$"user1@{domain}", $"user2@{domain}"]), CancellationToken.None);
                    break;
                default:
                    var other = $"fresh{step}.example";
                    await provider.ApplyAsync(other, null, new MailDomainResource(other), CancellationToken.None);
                    break;
            }
        }

        var steps = clock.Elapsed;
        var sizes = PostfixDovecotProvider.FileNames.Select(f => $"{f} {new FileInfo(_folder.File(f)).Length / 1024} KiB");
        output.WriteLine($"parse {parse.TotalMilliseconds:F0} ms; {Domains} reads {reads.TotalMilliseconds:F0} ms; 1,000 steps {steps.TotalMilliseconds:F0} ms; {string.Join(", ", sizes)}");

        var fresh = new PostfixDovecotProvider("mailhost", new PostfixDovecotSettings(_folder.Path));
        // Step n works on domain n * 7: 0 got a mailbox, 7 a suspension, 14 a route; step 3 created fresh3.example.
        (await fresh.ReadDomainAsync(DomainName(0), CancellationToken.None))!.Mailboxes.Should().HaveCount(MailboxesPerDomain + 1);
        (await fresh.ReadDomainAsync(DomainName(7), CancellationToken.None))!.Mailboxes.Should().ContainSingle(m => m.State == MailboxState.Suspended);
        (await fresh.ReadDomainAsync(DomainName(14), CancellationToken.None))!.Routes.Should().HaveCount(2);
        (await fresh.ReadDomainAsync("fresh3.example", CancellationToken.None)).Should().NotBeNull();
        File.ReadAllText(_folder.File("passwd")).Should().Contain(Hash, "hashes survive 1,000 rewrites");
    }

    private void WriteLargeState()
    {
        var domains = new StringBuilder();
        var mailboxes = new StringBuilder();
        var aliases = new StringBuilder();
        var passwd = new StringBuilder();
        for (var i = 0; i < Domains; i++)
        {
            var d = DomainName(i);
            domains.Append(d).Append(" OK\n");
            aliases.Append("info@").Append(d).Append(" user0@").Append(d).Append(", user1@").Append(d).Append('\n');
            for (var m = 0; m < MailboxesPerDomain; m++)
            {
                mailboxes.Append($"user{m}@{d} {d}/user{m}/\n");
                passwd.Append($"user{m}@{d}:{Hash}:::User {m}:::userdb_quota_rule=*:storage=2G\n");
            }
        }

        _folder.Write("virtual_domains", domains.ToString());
        _folder.Write("virtual_mailboxes", mailboxes.ToString());
        _folder.Write("virtual_aliases", aliases.ToString());
        _folder.Write("passwd", passwd.ToString());
    }

    public void Dispose() => _folder.Dispose();
}
