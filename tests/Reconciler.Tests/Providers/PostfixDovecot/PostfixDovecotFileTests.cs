using System.Text;
using Reconciler.Providers;
using Reconciler.Providers.PostfixDovecot;
using Reconciler.Schema.Model;

namespace Reconciler.Tests.Providers.PostfixDovecot;

/// <summary>The state files themselves: formats, what is carried over untouched, and what stops the provider.</summary>
public sealed class PostfixDovecotFileTests : IDisposable
{
    private const string Domain = "acme.example";

    // A hash as `doveadm pw -s SHA512-CRYPT -p secret` writes it; here only its bytes matter.
    private const string Hash = "{SHA512-CRYPT}$6$WSL35kM/zzdvYHty$.tJwXHpwX/FvW4A7OamtneoVgfbK.porZGHgR4LC/oCpfrvKtS8kZT8YA1j3mPUKsfDDfV/pygVi7l.1TmcHP.";

    private static readonly string[] StateFiles = ["virtual_domains", "virtual_mailboxes", "virtual_aliases", "passwd"];

    private readonly MailStateFolder _folder = new();

    private PostfixDovecotProvider NewProvider() => new("mailhost", new PostfixDovecotSettings(_folder.Path));

    private static string At(string local) => $"{local}@{Domain}";

    private Dictionary<string, string> FolderBytes() =>
        Directory.GetFiles(_folder.Path).Where(f => Path.GetFileName(f) != StateFolderLock.FileName).ToDictionary(f => Path.GetFileName(f), f => Convert.ToBase64String(File.ReadAllBytes(f)));

    [Fact]
    public void The_provider_names_its_files()
    {
        PostfixDovecotProvider.FileNames.Should().Equal(StateFiles);
    }

    [Fact]
    public async Task Writes_the_documented_formats()
    {
        var provider = NewProvider();
        var steps = new Resource[]
        {
            new MailDomainResource(Domain),
            new MailboxResource(At("alice"), MailboxState.Active, "5G", "Alice Liddell"),
            new MailboxResource(At("bob"), MailboxState.Invited, null, null),
            new RouteResource(At("sales"), [At("bob"), At("alice")], RouteKind.Alias),
            new RouteResource("@" + Domain, [At("alice")], RouteKind.CatchAll),
        };
        foreach (var step in steps)
        {
            await provider.ApplyAsync(Domain, null, step, CancellationToken.None);
        }

        _folder.Read("virtual_domains").Should().Be("acme.example OK\n");
        _folder.Read("virtual_mailboxes").Should().Be("""
            alice@acme.example acme.example/alice/
            bob@acme.example acme.example/bob/

            """);
        _folder.Read("virtual_aliases").Should().Be("""
            @acme.example alice@acme.example
            alice@acme.example alice@acme.example
            bob@acme.example bob@acme.example
            sales@acme.example alice@acme.example, bob@acme.example

            """);
        _folder.Read("passwd").Should().Be("""
            alice@acme.example:{CRYPT}!:::Alice Liddell:::userdb_quota_rule=*:storage=5G
            bob@acme.example:{CRYPT}!::::::nologin reason=invited fail

            """);
        Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Should().BeEquivalentTo([.. StateFiles, StateFolderLock.FileName], "no temporary file is left behind");

        var live = await NewProvider().ReadDomainAsync(Domain, CancellationToken.None);
        live!.Mailboxes.Should().Equal((MailboxResource)steps[1], (MailboxResource)steps[2]);
        live.Routes.Select(r => r.Id).Should().Equal("catch-all @acme.example", "route sales@acme.example");
    }

    [Fact]
    public async Task An_existing_hash_and_fields_it_does_not_manage_are_carried_over_byte_for_byte()
    {
        _folder.Write("virtual_domains", "acme.example OK\n");
        _folder.Write("virtual_mailboxes", "ann@acme.example acme.example/ann/\nben@acme.example custom/path/ben/\n");
        _folder.Write("passwd",
            $"ann@acme.example:{Hash}:5000:5000:Ann:/srv/mail/ann::userdb_mail=maildir:~/Mail allow_nets=10.0.0.0/8\n" +
            $"Ben@Acme.example:{Hash}\n");
        var provider = NewProvider();
        var live = (await provider.ReadDomainAsync(Domain, CancellationToken.None))!.Mailboxes;
        live.Should().Equal(
            new MailboxResource("ann@acme.example", MailboxState.Active, null, "Ann"),
            new MailboxResource("ben@acme.example", MailboxState.Active, null, null));

        var ann = live[0];
        var changes = new[]
        {
            ann with { State = MailboxState.Suspended },
            ann with { State = MailboxState.Suspended, Quota = "10G" },
            ann with { State = MailboxState.Offboarded, Quota = "10G", DisplayName = "Ann (left)" },
            ann with { State = MailboxState.Active, Quota = "512M", DisplayName = "Ann" },
            ann,
        };
        var previous = ann;
        foreach (var next in changes)
        {
            await provider.ApplyAsync(Domain, previous, next, CancellationToken.None);
            PasswdLine("ann@").Split(':')[1].Should().Be(Hash);
            previous = next;
        }

        PasswdLine("ann@").Should().Be($"ann@acme.example:{Hash}:5000:5000:Ann:/srv/mail/ann::userdb_mail=maildir:~/Mail allow_nets=10.0.0.0/8");
        _folder.Read("virtual_mailboxes").Should().Be("ann@acme.example acme.example/ann/\nben@acme.example custom/path/ben/\n");

        var ben = live[1];
        await provider.ApplyAsync(Domain, ben, ben with { State = MailboxState.Suspended, DisplayName = "Ben" }, CancellationToken.None);
        PasswdLine("Ben@").Should().Be($"Ben@Acme.example:{Hash}:::Ben:::nologin reason=suspended fail");
        await provider.ApplyAsync(Domain, ben with { State = MailboxState.Suspended, DisplayName = "Ben" }, ben, CancellationToken.None);
        PasswdLine("Ben@").Should().Be($"Ben@Acme.example:{Hash}::::::", "a short line is written out in full (Dovecot's passwd-file userdb needs the fields), the hash unchanged");
        _folder.Read("virtual_mailboxes").Should().Contain("ben@acme.example custom/path/ben/", "an existing maildir path is kept");

        var read = (await NewProvider().ReadDomainAsync(Domain, CancellationToken.None))!;
        string.Join("\n", read.Mailboxes.Select(m => m.ToString() + m.Describe())).Should().NotContain("$6$");
    }

    [Fact]
    public async Task Display_names_with_colons_percent_signs_and_line_breaks_round_trip()
    {
        var provider = NewProvider();
        await provider.ApplyAsync(Domain, null, new MailDomainResource(Domain), CancellationToken.None);
        var box = new MailboxResource(At("ops"), MailboxState.Active, null, "Ops: 100% \"on call\"\nBerlin");
        await provider.ApplyAsync(Domain, null, box, CancellationToken.None);

        PasswdLine("ops@").Should().Be("ops@acme.example:{CRYPT}!:::Ops%3A 100%25 \"on call\"%0ABerlin:::");
        (await NewProvider().ReadDomainAsync(Domain, CancellationToken.None))!.Mailboxes.Should().Equal(box);
    }

    [Fact]
    public async Task Lines_of_other_domains_comments_and_blank_lines_are_kept_byte_for_byte()
    {
        var original = new Dictionary<string, string>
        {
            ["virtual_domains"] = "# domains we host\nother.example\tOK\n\nzeta.example   OK\n",
            ["virtual_mailboxes"] = "# mailboxes\nzed@zeta.example\tzeta.example/zed/\nann@other.example  other.example/ann/\n",
            ["virtual_aliases"] = "# aliases\r\n@zeta.example zed@zeta.example\nzed@zeta.example zed@zeta.example\nteam@other.example ann@other.example,\n  boss@elsewhere.example\n\n#end\n",
            ["passwd"] = $"# dovecot users\nzed@zeta.example:{Hash}:::Zed:::userdb_quota_rule=*:storage=1G nologin reason=suspended fail\nann@other.example:{Hash}:::::: userdb_mail=maildir:~/M\n",
        };
        foreach (var (file, text) in original)
        {
            _folder.Write(file, text);
        }

        var provider = NewProvider();
        var alice = new MailboxResource(At("alice"), MailboxState.Active, "5G", "Alice");
        var route = new RouteResource(At("sales"), [At("alice")]);
        var catchAll = new RouteResource("@" + Domain, [At("alice")]);
        await provider.ApplyAsync(Domain, null, new MailDomainResource(Domain), CancellationToken.None);
        foreach (var r in new Resource[] { alice, route, catchAll })
        {
            await provider.ApplyAsync(Domain, null, r, CancellationToken.None);
        }

        foreach (var (file, text) in original)
        {
            var kept = _folder.Read(file).Split('\n').Where(l => !l.Contains(Domain, StringComparison.Ordinal));
            string.Join('\n', kept).Should().Be(text, $"{file} keeps every line that is not acme.example's, in order");
        }

        (await provider.ReadDomainAsync("other.example", CancellationToken.None))!.Routes.Should().ContainSingle()
            .Which.Targets.Should().Equal("ann@other.example", "boss@elsewhere.example");
        (await provider.ReadDomainAsync("zeta.example", CancellationToken.None))!.Routes.Should().ContainSingle().Which.IsCatchAll.Should().BeTrue();

        foreach (var r in new Resource[] { catchAll, route, alice, new MailDomainResource(Domain) })
        {
            await provider.ApplyAsync(Domain, r, null, CancellationToken.None);
        }

        foreach (var (file, text) in original)
        {
            _folder.Read(file).Should().Be(text, $"{file} is back to the original, byte for byte");
        }
    }

    [Theory]
    [InlineData("virtual_domains", "good.example OK\nbad..example OK\n", 2, "'bad..example' is not a domain name")]
    [InlineData("virtual_domains", "# hosted\nsolo.example\n", 2, "'solo.example' has no value")]
    [InlineData("virtual_mailboxes", "# c\n\nnot-an-address path/\n", 3, "'not-an-address' is not a mail address")]
    [InlineData("virtual_aliases", "  x@y.example z@y.example\n", 1, "starts with whitespace")]
    [InlineData("virtual_aliases", "a@y.example b@y.example\n\nA@y.example c@y.example\n", 3, "second entry for 'a@y.example' (the first is on line 1)")]
    [InlineData("virtual_aliases", "y.example anything\n", 1, "neither a mail address nor a catch-all")]
    [InlineData("passwd", "x@y.example:{CRYPT}!::::::nologin reason=suspended\n", 1, "disabled only in part")]
    [InlineData("passwd", "x@y.example:{CRYPT}!::::::nologin reason=holiday fail\n", 1, "unknown reason")]
    [InlineData("passwd", "x@y.example:{CRYPT}!::::::userdb_quota_rule=*:bytes=10\n", 1, "quota field 'userdb_quota_rule=*:bytes=10'")]
    [InlineData("passwd", "# users\nx@y.example:{CRYPT}!::::::\r\n", 2, "carriage return")]
    [InlineData("passwd", "root:x:0:0:root:/root:/bin/bash\n", 1, "user 'root' is not a mail address")]
    [InlineData("passwd", "x@y.example\n", 1, "expected user:password")]
    public async Task A_malformed_line_stops_every_read_and_change_naming_file_and_line(string file, string text, int line, string problem)
    {
        await A_broken_folder_stops_everything(new() { [file] = text }, file, line, problem);
    }

    [Theory]
    [InlineData("y.example OK\n", "x@y.example y.example/x/\n", "", "", "virtual_mailboxes", 1, "'x@y.example' has no entry in passwd")]
    [InlineData("y.example OK\n", "", "", "x@y.example:{CRYPT}!::::::\n", "passwd", 1, "mailbox 'x@y.example' (active) has no line in virtual_mailboxes")]
    [InlineData("y.example OK\n", "x@y.example y.example/x/\n", "@y.example x@y.example\n", "x@y.example:{CRYPT}!::::::\n", "virtual_mailboxes", 1, "catch-all would take its mail; add 'x@y.example x@y.example'")]
    [InlineData("y.example OK\n", "x@y.example y.example/x/\n", "", "x@y.example:{CRYPT}!::::::nologin reason=offboarded fail\n", "virtual_mailboxes", 1, "offboarded")]
    public async Task Files_that_contradict_each_other_stop_every_read_and_change(string domains, string mailboxes, string aliases, string passwd, string file, int line, string problem)
    {
        await A_broken_folder_stops_everything(
            new() { ["virtual_domains"] = domains, ["virtual_mailboxes"] = mailboxes, ["virtual_aliases"] = aliases, ["passwd"] = passwd },
            file,
            line,
            problem);
    }

    [Fact]
    public async Task A_line_that_is_not_utf8_is_reported_with_its_line()
    {
        _folder.Write("virtual_domains", "");
        File.WriteAllBytes(_folder.File("virtual_domains"), [.. "ok.example OK\nb"u8, 0xE4, .. "d.example OK\n"u8]); // Latin-1 "bäd"

        var act = () => NewProvider().ReadDomainAsync("ok.example", CancellationToken.None);

        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain($"{_folder.File("virtual_domains")}:2: line is not valid UTF-8");
    }

    private async Task A_broken_folder_stops_everything(Dictionary<string, string> files, string file, int line, string problem)
    {
        foreach (var (name, text) in files)
        {
            _folder.Write(name, text);
        }

        var before = FolderBytes();
        var provider = NewProvider();

        var read = () => provider.ReadDomainAsync("y.example", CancellationToken.None);
        var message = (await read.Should().ThrowAsync<ProviderException>()).Which.Message;
        message.Should().Contain($"{_folder.File(file)}:{line}: ").And.Contain(problem).And.Contain("fix it by hand");
        message.Should().NotContain(Hash);

        var unrelated = () => provider.ApplyAsync("unrelated.example", null, new MailDomainResource("unrelated.example"), CancellationToken.None);
        (await unrelated.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain($"{_folder.File(file)}:{line}: ");
        var readOther = () => provider.ReadDomainAsync("unrelated.example", CancellationToken.None);
        await readOther.Should().ThrowAsync<ProviderException>("a fresh read of the broken files fails again");

        FolderBytes().Should().BeEquivalentTo(before, "nothing is written while a file is broken");

        foreach (var name in files.Keys)
        {
            File.WriteAllText(_folder.File(name), "");
        }

        (await provider.ReadDomainAsync("y.example", CancellationToken.None)).Should().BeNull("fixing the files by hand makes the provider work again");
    }

    [Fact]
    public async Task A_hash_in_a_broken_passwd_line_is_never_quoted()
    {
        _folder.Write("passwd", $"x@y.example:{Hash}::::::nologin\n");

        var act = () => NewProvider().ReadDomainAsync("y.example", CancellationToken.None);

        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().NotContain("$6$").And.Contain("passwd:1:");
    }

    [Fact]
    public async Task A_mailbox_changed_by_hand_since_the_plan_is_not_overwritten()
    {
        var provider = NewProvider();
        var planned = new MailboxResource(At("eve"), MailboxState.Active, "1G", null);
        await provider.ApplyAsync(Domain, null, new MailDomainResource(Domain), CancellationToken.None);
        await provider.ApplyAsync(Domain, null, planned, CancellationToken.None);
        File.WriteAllText(_folder.File("passwd"), _folder.Read("passwd").Replace("storage=1G", "storage=2G", StringComparison.Ordinal));
        var byHand = _folder.Read("passwd");

        var act = () => provider.ApplyAsync(Domain, planned, planned with { State = MailboxState.Suspended }, CancellationToken.None);

        (await act.Should().ThrowAsync<ChangedSincePlanException>()).Which.Message.Should().Contain("mailbox eve@acme.example").And.Contain("quota 2G");
        _folder.Read("passwd").Should().Be(byHand);
        (await provider.ReadDomainAsync(Domain, CancellationToken.None))!.Mailboxes.Single().Quota.Should().Be("2G", "the provider sees hand edits");
    }

    [Fact]
    public async Task A_domain_is_deleted_only_when_it_has_no_mailboxes_or_routes_left()
    {
        var provider = NewProvider();
        var domain = new MailDomainResource(Domain);
        var box = new MailboxResource(At("fay"), MailboxState.Offboarded, null, null);
        var route = new RouteResource(At("info"), ["help@elsewhere.example"]);
        await provider.ApplyAsync(Domain, null, domain, CancellationToken.None);
        await provider.ApplyAsync(Domain, null, box, CancellationToken.None);
        await provider.ApplyAsync(Domain, null, route, CancellationToken.None);

        var act = () => provider.ApplyAsync(Domain, domain, null, CancellationToken.None);
        (await act.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("still has 1 mailbox(es) and 1 route(s)");

        await provider.ApplyAsync(Domain, box, null, CancellationToken.None);
        await act.Should().ThrowAsync<ProviderException>();
        await provider.ApplyAsync(Domain, route, null, CancellationToken.None);
        await provider.ApplyAsync(Domain, domain, null, CancellationToken.None);

        (await provider.ReadDomainAsync(Domain, CancellationToken.None)).Should().BeNull();
        StateFiles.Select(_folder.Read).Should().AllBe("");
    }

    [Fact]
    public async Task Mailboxes_and_routes_need_their_domain_and_must_belong_to_it()
    {
        var provider = NewProvider();
        var box = new MailboxResource(At("gus"), MailboxState.Active, null, null);

        var noDomain = () => provider.ApplyAsync(Domain, null, box, CancellationToken.None);
        (await noDomain.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("not accepted");

        var wrongDomain = () => provider.ApplyAsync("other.example", null, box, CancellationToken.None);
        (await wrongDomain.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("does not belong to mail domain other.example");

        await provider.ApplyAsync(Domain, null, new MailDomainResource(Domain), CancellationToken.None);
        var badQuota = () => provider.ApplyAsync(Domain, null, box with { Quota = "5 GB" }, CancellationToken.None);
        (await badQuota.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("quota '5 GB'");

        await provider.ApplyAsync(Domain, null, box, CancellationToken.None);
        var self = () => provider.ApplyAsync(Domain, null, new RouteResource(At("gus"), [At("gus")]), CancellationToken.None);
        (await self.Should().ThrowAsync<ProviderException>()).Which.Message.Should().Contain("implied");
    }

    [Fact]
    public async Task A_step_rewrites_only_the_files_it_touches()
    {
        var provider = NewProvider();
        await provider.ApplyAsync(Domain, null, new MailDomainResource(Domain), CancellationToken.None);
        await provider.ApplyAsync(Domain, null, new MailboxResource(At("hal"), MailboxState.Active, null, null), CancellationToken.None);
        var stamps = StateFiles.ToDictionary(f => f, f => File.GetLastWriteTimeUtc(_folder.File(f)));
        await Task.Delay(20);

        await provider.ApplyAsync(Domain, null, new RouteResource(At("info"), [At("hal")]), CancellationToken.None);

        foreach (var file in new[] { "virtual_domains", "virtual_mailboxes", "passwd" })
        {
            File.GetLastWriteTimeUtc(_folder.File(file)).Should().Be(stamps[file], $"{file} has nothing to do with a route");
        }

        File.GetLastWriteTimeUtc(_folder.File("virtual_aliases")).Should().BeAfter(stamps["virtual_aliases"]);
    }

    [Fact]
    public async Task Concurrent_steps_from_two_providers_on_one_folder_all_land()
    {
        var first = NewProvider();
        var second = NewProvider();
        var domains = Enumerable.Range(0, 12).Select(i => $"d{i}.example").ToArray();

        await Task.WhenAll(domains.Select(async (d, i) =>
        {
            var provider = i % 2 == 0 ? first : second;
            await provider.ApplyAsync(d, null, new MailDomainResource(d), CancellationToken.None);
            for (var n = 0; n < 4; n++)
            {
                await provider.ApplyAsync(d, null, new MailboxResource($"u{n}@{d}", MailboxState.Active, null, null), CancellationToken.None);
            }

            await provider.ApplyAsync(d, null, new RouteResource("@" + d, [$"u0@{d}"]), CancellationToken.None);
        }));

        var reader = NewProvider();
        foreach (var d in domains)
        {
            var live = await reader.ReadDomainAsync(d, CancellationToken.None);
            live!.Mailboxes.Should().HaveCount(4);
            live.Routes.Should().ContainSingle();
        }

        _folder.Read("virtual_aliases").Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(12 * 5, "a catch-all and four identity lines per domain");
    }

    [Fact]
    public async Task Addresses_and_domains_are_matched_without_regard_to_case()
    {
        var provider = NewProvider();
        await provider.ApplyAsync("ACME.example.", null, new MailDomainResource("Acme.Example"), CancellationToken.None);
        var box = new MailboxResource("Ivy@ACME.example", MailboxState.Active, null, null);
        await provider.ApplyAsync(Domain, null, box, CancellationToken.None);
        await provider.ApplyAsync(Domain, box, box with { State = MailboxState.Suspended }, CancellationToken.None);

        var live = await provider.ReadDomainAsync("Acme.Example", CancellationToken.None);
        live!.Mailboxes.Should().Equal(new MailboxResource(At("ivy"), MailboxState.Suspended, null, null));
        _folder.Read("passwd").Should().StartWith("ivy@acme.example:{CRYPT}!:", "Dovecot lower-cases login names before the lookup (pitfall D-5)");
    }

    private string PasswdLine(string prefix) =>
        _folder.Read("passwd").Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));

    public void Dispose() => _folder.Dispose();
}
