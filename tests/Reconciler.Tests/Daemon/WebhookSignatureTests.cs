using System.Text;
using Reconciler.Daemon.Http;

namespace Reconciler.Tests.Daemon;

public sealed class WebhookSignatureTests
{
    // The example from GitHub's "Validating webhook deliveries" documentation.
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("It's a Secret to Everybody");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("Hello, World!");
    private const string Documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void GitHubs_documented_example_verifies()
    {
        WebhookSignature.Sign(Secret, Body).Should().Be(Documented);
        WebhookSignature.IsValid(Secret, Body, Documented).Should().BeTrue();
        WebhookSignature.IsValid(Secret, Body, Documented.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal)).Should().BeTrue("hex case does not matter");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=zz7107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    public void Anything_else_is_refused(string? header) =>
        WebhookSignature.IsValid(Secret, Body, header).Should().BeFalse();

    [Fact]
    public void A_changed_body_or_another_secret_is_refused()
    {
        WebhookSignature.IsValid(Secret, Encoding.UTF8.GetBytes("Hello, World?"), Documented).Should().BeFalse();
        WebhookSignature.IsValid(Encoding.UTF8.GetBytes("another"), Body, Documented).Should().BeFalse();
        WebhookSignature.IsValid([], Body, WebhookSignature.Sign([], Body)).Should().BeFalse("an empty secret verifies nothing");
    }

    [Fact]
    public void Delivery_ids_are_remembered_within_capacity()
    {
        var log = new DeliveryLog(capacity: 2);
        log.FirstTime("a").Should().BeTrue();
        log.FirstTime("a").Should().BeFalse();
        log.FirstTime("b").Should().BeTrue();
        log.FirstTime("c").Should().BeTrue();
        log.FirstTime("a").Should().BeTrue("the oldest was forgotten");
    }

    [Fact]
    public void A_signed_body_seen_again_within_the_window_is_a_replay_and_not_after_it()
    {
        var clock = new StepClock();
        var log = new DeliveryLog(capacity: 100, replayWindow: TimeSpan.FromHours(1), clock: clock);
        log.IsReplay("aa").Should().BeFalse();
        log.IsReplay("bb").Should().BeFalse();
        clock.Now += TimeSpan.FromMinutes(59);
        log.IsReplay("aa").Should().BeTrue();
        clock.Now += TimeSpan.FromMinutes(2);
        log.IsReplay("aa").Should().BeFalse("the window has passed");
        log.IsReplay("aa").Should().BeTrue("and it is remembered again");
    }

    [Fact]
    public void The_replay_log_is_bounded()
    {
        var log = new DeliveryLog(capacity: 2, clock: new StepClock());
        log.IsReplay("a").Should().BeFalse();
        log.IsReplay("b").Should().BeFalse();
        log.IsReplay("c").Should().BeFalse();
        log.IsReplay("a").Should().BeFalse("the oldest was forgotten");
        log.IsReplay("c").Should().BeTrue();
    }

    [Fact]
    public void A_header_is_parsed_before_any_body_is_read()
    {
        WebhookSignature.TryParse(Documented, out var hmac).Should().BeTrue();
        WebhookSignature.Matches(Secret, System.Security.Cryptography.HMACSHA256.HashData(Secret, Body), hmac).Should().BeTrue();
        WebhookSignature.TryParse("sha256=xyz", out _).Should().BeFalse();
        WebhookSignature.TryParse(null, out _).Should().BeFalse();
    }

    private sealed class StepClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
