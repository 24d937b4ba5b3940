using Microsoft.Playwright;
using Xunit.Abstractions;
using Reconciler.Tests.Shared;

namespace Reconciler.Integration.Tests.Posture;

/// <summary>
/// The HTML report of a live run, opened in headless Chromium (Debian's /usr/bin/chromium, driven by the Playwright
/// driver shipped in the NuGet package): the grid is there, bad cells are red, good ones green, tooltips list the
/// findings, nothing is loaded from anywhere. A screenshot is kept as a test artifact.
/// </summary>
public sealed class PostureHtmlBrowserTests(PostureLiveFixture fixture, ITestOutputHelper output) : IClassFixture<PostureLiveFixture>
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ErrorRed = "rgb(198, 40, 40)";   // --error: #c62828
    private const string OkGreen = "rgb(223, 243, 227)";  // .cell.ok background #dff3e3

    [Fact]
    public async Task The_report_grid_shows_the_bad_domains_in_red_at_a_glance()
    {
        File.Exists(Chromium).Should().BeTrue("Debian's chromium package provides the browser");
        var html = Path.Combine(fixture.Portfolio.Path, "posture.html");
        var r = await ReconcilerProcess.RunAsync(fixture.Portfolio.Path, [.. fixture.LiveArguments, "--format", "html", "--out", html]);
        r.ExitCode.Should().Be(1, r.Output);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        await page.GotoAsync(new Uri(html).AbsoluteUri);

        var grid = page.Locator("#posture-grid");
        await grid.WaitForAsync();
        (await grid.Locator("tbody tr").CountAsync()).Should().Be(PostureZones.Expected.Count);

        foreach (var (domain, area, code) in new[] { ("mx.test", "MX", "MX002"), ("spf.test", "SPF", "SPF003"), ("dmarc.test", "DMARC", "DMARC025"), ("dkim.test", "DKIM", "DKIM001") })
        {
            var cell = page.Locator($"tr[data-domain='{domain}'] td[data-area='{area}']");
            (await cell.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor")).Should().Be(ErrorRed, $"{domain} {area}");
            (await cell.GetAttributeAsync("title")).Should().Contain(code);
            (await cell.InnerTextAsync()).Should().Contain("error");
        }

        foreach (var area in new[] { "SPF", "DKIM", "DMARC", "MX", "MTA-STS", "TLS-RPT" })
        {
            var cell = page.Locator($"tr[data-domain='clean.test'] td[data-area='{area}']");
            (await cell.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor")).Should().Be(OkGreen, $"clean.test {area}");
        }

        (await page.Locator("tr[data-domain='parked.test'] td[data-area='MTA-STS']").GetAttributeAsync("data-severity")).Should().Be("n/a");
        (await page.Locator("tr[data-domain='mx.test'] .grade").InnerTextAsync()).Should().Be("D");
        (await page.Locator("section#d-mx\\.test li.error .code").InnerTextAsync()).Should().Be("MX002");
        requests.Should().OnlyContain(u => u.StartsWith("file://", StringComparison.Ordinal), "the page is self-contained");

        var shots = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(shots);
        var png = Path.Combine(shots, "posture-report.png");
        await page.ScreenshotAsync(new() { Path = png, FullPage = true });
        new FileInfo(png).Length.Should().BeGreaterThan(10_000);
        output.WriteLine($"screenshot: {png}");
        Console.WriteLine($"posture report screenshot: {png}");
    }
}
