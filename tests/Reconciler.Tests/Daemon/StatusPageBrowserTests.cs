using Microsoft.Playwright;
using Reconciler.Tests.Common;

using Reconciler.Tests.Shared;

namespace Reconciler.Tests.Daemon;

/// <summary>The status page as a person sees it: Debian's Chromium, headless, on a phone-sized screen.</summary>
[Collection(DaemonCollection.Name)]
public sealed class StatusPageBrowserTests
{
    [Fact]
    public async Task The_status_page_shows_the_drifted_domain_as_drifted()
    {
        await using var rig = new DaemonRig();
        rig.Write("domains/shop.example.yaml", DaemonEndToEndTests.Shop());
        rig.Write("domains/calm.example.yaml", DaemonEndToEndTests.Shop().Replace("shop.example", "calm.example", StringComparison.Ordinal));
        rig.CommitAndPush("onboard two domains");
        rig.Start();
        // Both applies must have finished: a hand edit made while one is still running is overwritten by it.
        await rig.WaitInSyncAsync("shop.example", TimeSpan.FromSeconds(45));
        await rig.WaitInSyncAsync("calm.example", TimeSpan.FromSeconds(45));
        File.WriteAllText(rig.ZoneFile("shop.example"), rig.Zone("shop.example").Replace("192.0.2.10", "198.51.100.66", StringComparison.Ordinal));
        await rig.Eventually(() => rig.RemoteSubjects().Any(s => s.StartsWith("drift(shop.example)", StringComparison.Ordinal)), TimeSpan.FromSeconds(45), "the drift is reported");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        await page.GotoAsync(rig.Base.ToString());

        var shop = page.Locator("tr[data-domain='shop.example']");
        (await shop.GetAttributeAsync("data-state")).Should().Be("drifted");
        (await shop.Locator(".badge").InnerTextAsync()).Should().Be("drifted");
        (await shop.InnerTextAsync()).Should().Contain("A changed outside Git");
        (await page.Locator("tr[data-domain='calm.example'] .badge").InnerTextAsync()).Should().Be("in sync");

        var artifacts = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(artifacts);
        var shot = Path.Combine(artifacts, "daemon-status.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        new FileInfo(shot).Length.Should().BeGreaterThan(1000);

        await shop.Locator("a").ClickAsync();
        (await page.Locator("#state").InnerTextAsync()).Should().Be("drifted");
        (await page.ContentAsync()).Should().Contain("198.51.100.66").And.Contain("drift(shop.example): A changed outside Git");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(artifacts, "daemon-domain.png"), FullPage = true });
    }
}
