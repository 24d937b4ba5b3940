using Reconciler.Posture;
using Reconciler.Posture.TlsRpt;

namespace Reconciler.Tests.Posture;

public sealed class TlsRptTests
{
    [Theory]
    [InlineData("v=TLSRPTv1;rua=mailto:reports@example.com", "mailto:reports@example.com")]
    [InlineData("v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt", "https://reporting.example.com/v1/tlsrpt")]
    public void Rfc_8460_examples(string text, string uri)
    {
        var result = TlsRptCheck.Check(text);
        result.Findings.Should().BeEmpty();
        result.Record!.ReportUris.Should().ContainSingle().Which.OriginalString.Should().Be(uri);
    }

    [Fact]
    public void Several_destinations_separated_by_commas()
    {
        var record = TlsRptCheck.Check("v=TLSRPTv1; rua=mailto:tls@example.com, https://r.example.net/tlsrpt").Record!;
        record.ReportUris.Select(u => u.Scheme).Should().Equal("mailto", "https");
    }

    [Theory]
    [InlineData("v=TLSRPTv1;", "TLSRPT004")]
    [InlineData("v=TLSRPTv1; rua=ftp://example.com/x", "TLSRPT005")]
    [InlineData("v=TLSRPTv1; rua=mailto:nobody", "TLSRPT005")]
    [InlineData("v=TLSRPTv1; rua=http://example.com/tlsrpt", "TLSRPT005")]
    [InlineData("rua=mailto:a@example.com; v=TLSRPTv1", "TLSRPT003")]
    [InlineData("v=TLSRPTv2; rua=mailto:a@example.com", "TLSRPT003")]
    public void Reports_records_senders_cannot_use(string text, string code)
    {
        var result = TlsRptCheck.Check(text);
        result.Record.Should().BeNull();
        result.Findings.Should().Contain(f => f.Code == code);
    }

    [Fact]
    public void Unknown_fields_are_noted_and_ignored()
    {
        var result = TlsRptCheck.Check("v=TLSRPTv1; rua=mailto:a@example.com; ext=1");
        result.Record!.Extensions.Should().ContainKey("ext");
        result.Findings.Single().Code.Should().Be("TLSRPT006");
    }

    [Fact]
    public async Task Looks_up_the_record_at_smtp_tls()
    {
        var zone = new InMemoryPostureResolver()
            .AddTxt("_smtp._tls.example.com", "v=TLSRPTv1; rua=mailto:tls@example.com")
            .AddTxt("_smtp._tls.two.example", "v=TLSRPTv1; rua=mailto:a@two.example", "v=TLSRPTv1; rua=mailto:b@two.example")
            .AddTimeout("_smtp._tls.slow.example");
        var inspector = new PostureInspector(zone);
        (await inspector.InspectTlsRptAsync("example.com", default)).Findings.Should().BeEmpty();
        (await inspector.InspectTlsRptAsync("none.example", default)).Findings.Single().Code.Should().Be("TLSRPT001");
        (await inspector.InspectTlsRptAsync("two.example", default)).Findings.Single().Code.Should().Be("TLSRPT002");
        (await inspector.InspectTlsRptAsync("slow.example", default)).Findings.Single().Code.Should().Be("TLSRPT007");
    }
}
