using Reconciler.Dns;

namespace Reconciler.Tests.Dns;

public class RecordTypeTests
{
    [Theory]
    [InlineData("A", 1)]
    [InlineData("aaaa", 28)]
    [InlineData("CNAME", 5)]
    [InlineData("MX", 15)]
    [InlineData("TXT", 16)]
    [InlineData("NS", 2)]
    [InlineData("SOA", 6)]
    [InlineData("SRV", 33)]
    [InlineData("caa", 257)]
    [InlineData("TLSA", 52)]
    [InlineData("PTR", 12)]
    [InlineData("TYPE65280", 65280)]
    [InlineData("type1", 1)]
    public void Parses_mnemonics_and_generic_form(string text, int code)
    {
        RecordType.Parse(text).Code.Should().Be((ushort)code);
    }

    [Fact]
    public void Prints_mnemonic_or_generic_form()
    {
        foreach (var t in RecordType.Known)
        {
            RecordType.Parse(t.ToString()).Should().Be(t);
            t.IsKnown.Should().BeTrue();
        }

        new RecordType(1).ToString().Should().Be("A");
        new RecordType(65280).ToString().Should().Be("TYPE65280");
        new RecordType(43).IsKnown.Should().BeFalse();
    }

    [Theory]
    [InlineData("DS")]
    [InlineData("TYPE")]
    [InlineData("TYPE65536")]
    [InlineData("TYPE-1")]
    [InlineData("")]
    public void Rejects_other_text(string text)
    {
        var act = () => RecordType.Parse(text);
        act.Should().Throw<DnsFormatException>().WithMessage("*unknown record type*TYPEnnn*");
    }
}
