using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.Daemon.Http;
using Reconciler.Tests.Shared.GitHub;

namespace Reconciler.Tests.GitHub;

/// <summary>The fake delivers webhooks as GitHub does: signed, in order, shaped like the real examples and the
/// description's x-webhooks schemas (checked by the fake for each payload it sends).</summary>
public sealed class GitHubFakeWebhookTests
{
    private const string Secret = "webhook-secret-for-tests";

    [Fact]
    public async Task The_published_examples_hold_every_event_the_workflow_reads()
    {
        GitHubWebhookExamples.Of("pull_request").Select(e => e.Action).Should().Contain(["opened", "synchronize", "closed", "reopened"]);
        GitHubWebhookExamples.Of("pull_request_review").Select(e => e.Action).Should().Contain(["submitted", "dismissed"]);
        GitHubWebhookExamples.Of("issue_comment").Select(e => e.Action).Should().Contain(["created", "edited"]);
        GitHubWebhookExamples.Of("push").Should().NotBeEmpty().And.OnlyContain(e => e.Action == null);
        GitHubWebhookExamples.Of("push")[0].Payload.GetProperty("ref").GetString().Should().StartWith("refs/");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_pull_requests_life_is_delivered_signed_and_in_order()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var fake = await GitHubFake.StartAsync();
        fake.SendWebhooksTo(receiver.Url, Secret);
        var repo = fake.Repo("acme", "portfolio");

        var pr = repo.OpenPullRequest("change-mx", "1111111111111111111111111111111111111111", ["domains/acme.example.yaml"], author: "alice");
        pr.Push("2222222222222222222222222222222222222222");
        pr.AddReview("bob", Shared.GitHub.GitHubReviewState.Approved);
        pr.AddComment("carol", "/reconciler plan");
        pr.Merge("3333333333333333333333333333333333333333", mergedBy: "bob");
        await fake.WebhooksDeliveredAsync();

        receiver.Received.Select(r => r.Event + "." + (r.Payload.RootElement.TryGetProperty("action", out var a) ? a.GetString() : "-")).Should().Equal(
            "pull_request.opened", "push.-", "pull_request.synchronize", "pull_request_review.submitted", "issue_comment.created", "pull_request.closed", "push.-");
        receiver.Received.Should().OnlyContain(r => r.SignatureValid, "each delivery is signed with the secret (X-Hub-Signature-256)");
        receiver.Received.Select(r => r.Id).Should().OnlyHaveUniqueItems();
        fake.Deliveries.Should().HaveCount(7).And.OnlyContain(d => d.Status == 200);

        var opened = receiver.Received[0].Payload.RootElement;
        opened.GetProperty("number").GetInt32().Should().Be(pr.Number);
        opened.GetProperty("pull_request").GetProperty("head").GetProperty("sha").GetString().Should().Be("1111111111111111111111111111111111111111");
        opened.GetProperty("repository").GetProperty("full_name").GetString().Should().Be("acme/portfolio");
        opened.GetProperty("sender").GetProperty("login").GetString().Should().Be("alice");
        var sync = receiver.Received[2].Payload.RootElement;
        sync.GetProperty("before").GetString().Should().Be("1111111111111111111111111111111111111111");
        sync.GetProperty("after").GetString().Should().Be("2222222222222222222222222222222222222222");
        var review = receiver.Received[3].Payload.RootElement.GetProperty("review");
        review.GetProperty("state").GetString().Should().Be("approved");
        review.GetProperty("user").GetProperty("login").GetString().Should().Be("bob");
        review.GetProperty("commit_id").GetString().Should().Be("2222222222222222222222222222222222222222");
        var comment = receiver.Received[4].Payload.RootElement;
        comment.GetProperty("comment").GetProperty("body").GetString().Should().Be("/reconciler plan");
        comment.GetProperty("issue").TryGetProperty("pull_request", out _).Should().BeTrue("a comment on a pull request says so");
        var closed = receiver.Received[5].Payload.RootElement.GetProperty("pull_request");
        closed.GetProperty("merged").GetBoolean().Should().BeTrue();
        closed.GetProperty("merge_commit_sha").GetString().Should().Be("3333333333333333333333333333333333333333");
        var push = receiver.Received[6].Payload.RootElement;
        push.GetProperty("ref").GetString().Should().Be("refs/heads/main");
        push.GetProperty("after").GetString().Should().Be("3333333333333333333333333333333333333333");
    }

    [Fact]
    public async Task A_comment_written_through_the_api_is_delivered_too_and_an_edit_says_what_it_was()
    {
        await using var receiver = await Receiver.StartAsync();
        await using var fake = await GitHubFake.StartAsync();
        var pr = fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", "1111111111111111111111111111111111111111", []);
        fake.SendWebhooksTo(receiver.Url, Secret);
        var github = OctokitClients.For(fake);

        var created = await github.Issue.Comment.Create("acme", "portfolio", pr.Number, "plan v1");
        await github.Issue.Comment.Update("acme", "portfolio", created.Id, "plan v2");
        await fake.WebhooksDeliveredAsync();

        receiver.Received.Select(r => r.Payload.RootElement.GetProperty("action").GetString()).Should().Equal("created", "edited");
        var edited = receiver.Received[1].Payload.RootElement;
        edited.GetProperty("comment").GetProperty("user").GetProperty("login").GetString().Should().Be(fake.Options.TokenLogin);
        edited.GetProperty("changes").GetProperty("body").GetProperty("from").GetString().Should().Be("plan v1");
    }

    [Fact]
    public async Task An_unreachable_receiver_is_recorded_not_retried()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.SendWebhooksTo(new Uri("http://127.0.0.1:9/webhooks/github"), Secret);

        fake.Repo("acme", "portfolio").Push("main", "4444444444444444444444444444444444444444");
        await fake.WebhooksDeliveredAsync();

        fake.Deliveries.Should().ContainSingle().Which.Status.Should().Be(0);
    }

    /// <summary>A stand-in for the daemon's webhook endpoint that records what arrives.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<Delivery> _received = new();

        private Receiver(WebApplication app) => _app = app;

        public Uri Url { get; private set; } = null!;

        public IReadOnlyList<Delivery> Received => _received.ToList();

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/webhooks/github", async (HttpContext c) =>
            {
                using var buffer = new MemoryStream();
                await c.Request.Body.CopyToAsync(buffer);
                var body = buffer.ToArray();
                receiver._received.Enqueue(new Delivery(
                    c.Request.Headers["X-GitHub-Event"].ToString(),
                    c.Request.Headers["X-GitHub-Delivery"].ToString(),
                    WebhookSignature.IsValid(Encoding.UTF8.GetBytes(Secret), body, c.Request.Headers[WebhookSignature.Header].ToString()),
                    JsonDocument.Parse(body)));
                return Results.Ok();
            });
            await app.StartAsync();
            var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
            receiver.Url = new Uri($"http://127.0.0.1:{port}/webhooks/github");
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed record Delivery(string Event, string Id, bool SignatureValid, JsonDocument Payload);
}
