using Reconciler.Migration;
using Reconciler.Migration.Imap;

namespace Reconciler.Tests.Migration;

public sealed class FolderMappingTests
{
    [Theory]
    [InlineData("Sent Items", "Sent Items", "Sent", "Sent")]
    [InlineData("Sent Items", "Sent items", "Sent", null)]
    [InlineData("Archive/*", "Archive/2020/Q1", "Old/*", "Old/2020/Q1")]
    [InlineData("Archive/*", "Archive", "Old/*", null)]
    [InlineData("*/Drafts", "Team/Drafts", "Drafts/*", "Drafts/Team")]
    [InlineData("INBOX/*", "inbox/Receipts", "Receipts/*", "Receipts/Receipts")]
    [InlineData("inbox", "INBOX", "Imported", "Imported")]
    [InlineData("A*B*C", "AxxByyC", "Z", "Z")]
    [InlineData("A*B*C", "AxxByy", "Z", null)]
    [InlineData("*", "Anything/At/All", "Imported/*", "Imported/Anything/At/All")]
    public void Rules_match_exact_names_and_star_patterns(string from, string folder, string to, string? expected)
    {
        new FolderRule(from, to, Skip: false).Apply(folder).Should().Be(expected);
    }

    [Fact]
    public void A_skip_rule_yields_the_empty_name()
    {
        new FolderRule("Junk*", null, Skip: true).Apply("Junk E-Mail").Should().Be("");
    }

    [Fact]
    public void Folders_are_ordered_INBOX_first_and_the_first_matching_rule_wins()
    {
        var rules = new FolderRules
        {
            Rules = [new FolderRule("Junk", null, true), new FolderRule("Old/*", "Archive/*", false), new FolderRule("*", "never", false)],
        };
        var mapped = FolderMapper.Map([Folder("Zeta", '.'), Folder("Old.2019", '.'), Folder("Junk", '.'), Folder("INBOX", '.'), Folder("Parent", '.', noSelect: true)], rules);

        mapped.Select(m => (m.SourcePath, m.DestinationPath)).Should().Equal(
            ("INBOX", "never"), ("Junk", null), ("Old/2019", "Archive/2019"), ("Zeta", "never"));
        mapped.Single(m => m.SourcePath == "Junk").SkipReason.Should().Be("skipped by the rule for 'Junk'");
    }

    [Fact]
    public void Server_separators_become_slashes_and_back()
    {
        FolderMapper.ToPath("Archiv.Übersicht", '.').Should().Be("Archiv/Übersicht");
        FolderMapper.ToServerName("Archiv/Übersicht", '.').Should().Be("Archiv.Übersicht");
        FolderMapper.ToPath("inbox", '/').Should().Be("INBOX");
    }

    [Fact]
    public void Gmail_puts_All_Mail_last_and_skips_its_views_unless_a_rule_names_them()
    {
        var folders = new[]
        {
            Folder("[Gmail]/All Mail", '/', ImapFolderAttributes.All), Folder("[Gmail]/Starred", '/', ImapFolderAttributes.Flagged),
            Folder("[Gmail]/Important", '/'), Folder("Work", '/'), Folder("INBOX", '/'), Folder("[Gmail]/Sent Mail", '/'),
        };
        var mapped = FolderMapper.Map(folders, new FolderRules { Gmail = true, Rules = [new FolderRule("[Gmail]/Important", "Important", false)] });

        mapped.Where(m => m.DestinationPath is not null).Select(m => m.SourcePath).Should()
            .Equal("INBOX", "Work", "[Gmail]/Important", "[Gmail]/Sent Mail", "[Gmail]/All Mail");
        mapped.Single(m => m.SourcePath == "[Gmail]/Starred").SkipReason.Should().Contain("Gmail view");
        mapped.Single(m => m.SourcePath == "[Gmail]/All Mail").IsAllMail.Should().BeTrue();
    }

    [Fact]
    public void Without_gmail_nothing_is_skipped_or_reordered_for_Gmail()
    {
        var mapped = FolderMapper.Map([Folder("[Gmail]/Starred", '/'), Folder("[Gmail]/All Mail", '/'), Folder("B", '/')], new FolderRules());
        mapped.Select(m => m.DestinationPath).Should().Equal("B", "[Gmail]/All Mail", "[Gmail]/Starred");
    }

    private static ImapFolder Folder(string name, char delimiter, ImapFolderAttributes attributes = ImapFolderAttributes.None, bool noSelect = false) =>
        new(name, name, delimiter, attributes | (noSelect ? ImapFolderAttributes.NoSelect : ImapFolderAttributes.None), []);
}
