using Reconciler.Migration.Imap;

namespace Reconciler.Tests.Imap;

public sealed class ImapValueTests
{
    [Theory]
    [InlineData("INBOX", "INBOX")]
    [InlineData("Archiv/Übersicht", "Archiv/&ANw-bersicht")]
    [InlineData("日本語", "&ZeVnLIqe-")]
    [InlineData("Tom & Jerry", "Tom &- Jerry")]
    [InlineData("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-")] // RFC 3501's own example
    [InlineData("😀 emoji", "&2D3eAA- emoji")]
    [InlineData("a\tb", "a&AAk-b")]
    public void Modified_utf7_round_trips(string name, string encoded)
    {
        ModifiedUtf7.Encode(name).Should().Be(encoded);
        ModifiedUtf7.Decode(encoded).Should().Be(name);
    }

    [Theory]
    [InlineData("&ZeVnLIqe")] // no terminating '-'
    [InlineData("&AGE-")] // encodes plain ASCII "a"
    [InlineData("&Z/Vn-")] // '/' instead of ','
    [InlineData("Übersicht")] // raw 8-bit is not modified UTF-7
    public void Invalid_modified_utf7_is_rejected(string encoded)
    {
        ModifiedUtf7.TryDecode(encoded, out _).Should().BeFalse();
    }

    [Fact]
    public void Uid_sets_are_compact_and_chunk_in_order()
    {
        var set = UidSet.Of([5, 1, 2, 3, 9, 10, 4, 20]);
        set.ToString().Should().Be("1:5,9:10,20");
        set.Count.Should().Be(8);
        set.Contains(4).Should().BeTrue();
        set.Contains(6).Should().BeFalse();
        set.ElementAt(5).Should().Be(9);
        set.Chunk(3).Select(c => c.ToString()).Should().Equal("1:3", "4:5,9", "10,20");
        UidSet.Parse("10:8,3").ToString().Should().Be("3,8:10");
        UidSet.Range(1, 10000).Chunk(5000).Select(c => c.ToString()).Should().Equal("1:5000", "5001:10000");
        UidSet.TryParse("1:*"u8, out _).Should().BeFalse();
        UidSet.TryParse("0"u8, out _).Should().BeFalse();
    }
}
