using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Octokit;
using Reconciler.Tests.Shared.GitHub;

namespace Reconciler.Tests.GitHub;

/// <summary>What makes the GitHub fake worth testing against: it refuses what GitHub's OpenAPI description does
/// not allow, authenticates as GitHub does (tokens, app JWTs, installation tokens), paginates, and answers with
/// GitHub's rate-limit, 5xx and 422 shapes, which Octokit turns into its exceptions.</summary>
public sealed class GitHubFakeStrictnessTests
{
    private const string HeadSha = "1111111111111111111111111111111111111111";

    private static GitHubClient Client(GitHubFake fake, Uri? baseUrl = null, Credentials? credentials = null) =>
        OctokitClients.For(fake, baseUrl, credentials);

    private static HttpRequestMessage Raw(GitHubFake fake, HttpMethod method, string path, string? json = null, bool userAgent = true, bool accept = true, bool auth = true)
    {
        var request = new HttpRequestMessage(method, new Uri(fake.BaseUrl, path));
        if (userAgent)
        {
            request.Headers.UserAgent.ParseAdd("reconciler-tests/1.0");
        }

        if (accept)
        {
            request.Headers.Accept.ParseAdd("application/vnd.github+json");
        }

        if (auth)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fake.Token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    [Fact]
    public async Task A_status_with_a_state_outside_the_documented_enum_is_refused_and_recorded()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.Repo("acme", "portfolio");
        using var http = new HttpClient();

        using var response = await http.SendAsync(Raw(fake, HttpMethod.Post, $"repos/acme/portfolio/statuses/{HeadSha}", """{"state":"bogus","context":"reconciler/plan"}"""));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be((HttpStatusCode)422);
        body.GetProperty("message").GetString().Should().StartWith("Invalid request.").And.Contain("/state");
        body.GetProperty("documentation_url").GetString().Should().NotBeNullOrEmpty();
        fake.Repo("acme", "portfolio").Statuses(HeadSha).Should().BeEmpty();
        var violation = fake.TakeViolations().Should().ContainSingle().Subject;
        violation.Request.Should().Be($"POST /repos/acme/portfolio/statuses/{HeadSha}");
        violation.Detail.Should().Contain("/state");
    }

    [Fact]
    public async Task A_body_missing_a_required_property_or_with_a_wrong_type_is_refused()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.Repo("acme", "portfolio").OpenIssue("x");
        using var http = new HttpClient();

        using var noTitle = await http.SendAsync(Raw(fake, HttpMethod.Post, "repos/acme/portfolio/issues", """{"body":"no title"}"""));
        using var numberBody = await http.SendAsync(Raw(fake, HttpMethod.Post, "repos/acme/portfolio/issues/1/comments", """{"body":42}"""));
        using var notJson = await http.SendAsync(Raw(fake, HttpMethod.Post, "repos/acme/portfolio/issues/1/comments", "{body:"));

        noTitle.StatusCode.Should().Be((HttpStatusCode)422);
        numberBody.StatusCode.Should().Be((HttpStatusCode)422);
        notJson.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        fake.TakeViolations().Select(v => v.Request).Should().Equal(
            "POST /repos/acme/portfolio/issues", "POST /repos/acme/portfolio/issues/1/comments", "POST /repos/acme/portfolio/issues/1/comments");
        fake.Repo("acme", "portfolio").Issue(1).Comments.Should().BeEmpty();
    }

    [Fact]
    public async Task An_undocumented_path_or_method_is_404_and_a_violation()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.Repo("acme", "portfolio");
        var github = Client(fake);

        var path = async () => await github.Connection.Get<object>(new Uri("repos/acme/portfolio/plan-comments", UriKind.Relative), null);
        var method = async () => await github.Connection.Put<object>(new Uri("repos/acme/portfolio/issues/comments/1", UriKind.Relative), new { body = "x" });
        // Octokit's overloads by repository id use /repositories/{id}/…, which GitHub does not document.
        var byId = async () => await github.Issue.Comment.GetAllForIssue(fake.Repo("acme", "portfolio").Id, 1);

        await path.Should().ThrowAsync<NotFoundException>();
        await method.Should().ThrowAsync<NotFoundException>();
        await byId.Should().ThrowAsync<NotFoundException>();
        var violations = fake.TakeViolations();
        violations.Should().HaveCount(3).And.OnlyContain(v => v.Rule == "undocumented operation");
        violations[1].Detail.Should().Contain("not for PUT");
    }

    [Fact]
    public async Task Path_parameters_must_have_their_documented_type()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.Repo("acme", "portfolio");
        using var http = new HttpClient();

        using var response = await http.SendAsync(Raw(fake, HttpMethod.Get, "repos/acme/portfolio/pulls/twelve"));

        response.StatusCode.Should().Be((HttpStatusCode)422);
        fake.TakeViolations().Should().ContainSingle().Which.Detail.Should().Contain("pull_number");
    }

    [Fact]
    public async Task Query_parameters_are_checked_against_their_schema()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.Repo("acme", "portfolio");
        using var http = new HttpClient();

        using var badState = await http.SendAsync(Raw(fake, HttpMethod.Get, "repos/acme/portfolio/issues?state=everything"));
        using var badPage = await http.SendAsync(Raw(fake, HttpMethod.Get, "repos/acme/portfolio/issues?per_page=many"));
        using var ignored = await http.SendAsync(Raw(fake, HttpMethod.Get, "repos/acme/portfolio/issues?filter=assigned"));

        badState.StatusCode.Should().Be((HttpStatusCode)422);
        badPage.StatusCode.Should().Be((HttpStatusCode)422);
        ignored.StatusCode.Should().Be(HttpStatusCode.OK, "GitHub ignores query parameters an operation does not document");
        fake.TakeViolations().Select(v => v.Detail).Should().SatisfyRespectively(
            s => s.Should().Contain("'state'"),
            p => p.Should().Contain("'per_page'"));
    }

    [Fact]
    public async Task Required_headers_are_enforced()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.Repo("acme", "portfolio");
        using var http = new HttpClient();

        using var noAgent = await http.SendAsync(Raw(fake, HttpMethod.Get, "repos/acme/portfolio", userAgent: false));
        using var noAccept = await http.SendAsync(Raw(fake, HttpMethod.Get, "repos/acme/portfolio", accept: false));
        using var noAuth = await http.SendAsync(Raw(fake, HttpMethod.Get, "repos/acme/portfolio", auth: false));
        var badVersion = Raw(fake, HttpMethod.Get, "repos/acme/portfolio");
        badVersion.Headers.Add("X-GitHub-Api-Version", "2021-01-01");
        using var version = await http.SendAsync(badVersion);

        noAgent.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        noAccept.StatusCode.Should().Be(HttpStatusCode.OK);
        noAuth.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        version.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        fake.TakeViolations().Select(v => v.Rule).Should().Equal(
            "header User-Agent", "header Accept", "header Authorization", "header X-GitHub-Api-Version");
    }

    [Fact]
    public async Task Octokit_sends_the_headers_github_requires()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.Repo("acme", "portfolio");

        await Client(fake).Repository.Get("acme", "portfolio");

        var request = fake.Requests.Single();
        request.Headers.Should().ContainKey("User-Agent").WhoseValue.Should().Contain("reconciler-tests");
        request.Headers.Should().ContainKey("Accept");
        request.Headers.Should().NotContainKey("Authorization", "the log keeps no secret");
        if (request.Headers.TryGetValue("X-GitHub-Api-Version", out var version))
        {
            GitHubFake.ApiVersions.Should().Contain(version);
        }
    }

    [Fact]
    public async Task A_wrong_token_is_401_with_githubs_message_and_no_violation()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.Repo("acme", "portfolio");

        var call = async () => await Client(fake, credentials: new Credentials("ghp_wrong")).Repository.Get("acme", "portfolio");

        (await call.Should().ThrowAsync<AuthorizationException>()).Which.Message.Should().Be("Bad credentials");
        fake.Violations.Should().BeEmpty();
    }

    [Fact]
    public async Task A_three_page_review_list_is_followed_through_link_headers()
    {
        await using var fake = await GitHubFake.StartAsync();
        var pr = fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", HeadSha, []);
        for (var i = 0; i < 70; i++)
        {
            pr.AddReview($"reviewer{i}", i % 2 == 0 ? GitHubReviewState.Commented : GitHubReviewState.Approved);
        }

        var github = Client(fake);

        var all = await github.PullRequest.Review.GetAll("acme", "portfolio", pr.Number, new ApiOptions { PageSize = 30 });
        var second = await github.PullRequest.Review.GetAll("acme", "portfolio", pr.Number, new ApiOptions { PageSize = 30, PageCount = 1, StartPage = 2 });

        all.Select(r => r.User.Login).Should().Equal(Enumerable.Range(0, 70).Select(i => $"reviewer{i}"));
        second.Select(r => r.User.Login).Should().Equal(Enumerable.Range(30, 30).Select(i => $"reviewer{i}"));
        fake.Requests.Where(r => r.OperationId == "pulls/list-reviews").Should().HaveCount(4);
        fake.Requests.Take(3).Select(r => r.Query).Should().OnlyContain(q => q.Contains("per_page=30", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Link_headers_name_next_and_last_pages_under_the_base_the_client_used()
    {
        await using var fake = await GitHubFake.StartAsync();
        var pr = fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", HeadSha, []);
        for (var i = 0; i < 5; i++)
        {
            pr.AddReview($"r{i}", GitHubReviewState.Approved);
        }

        using var http = new HttpClient();
        using var response = await http.SendAsync(Raw(fake, HttpMethod.Get, "api/v3/repos/acme/portfolio/pulls/1/reviews?per_page=2&page=2"));

        var link = response.Headers.GetValues("Link").Single();
        link.Should().Contain($"<{fake.EnterpriseBaseUrl}repos/acme/portfolio/pulls/1/reviews?per_page=2&page=3>; rel=\"next\"")
            .And.Contain("page=3>; rel=\"last\"").And.Contain("page=1>; rel=\"prev\"").And.Contain("rel=\"first\"");
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task The_enterprise_server_base_path_answers_the_same_api()
    {
        await using var fake = await GitHubFake.StartAsync();
        var pr = fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", HeadSha, ["domains/acme.example.yaml"]);
        var github = Client(fake, fake.EnterpriseBaseUrl);

        var comment = await github.Issue.Comment.Create("acme", "portfolio", pr.Number, "plan");
        var got = await github.PullRequest.Get("acme", "portfolio", pr.Number);

        comment.Url.Should().StartWith(fake.EnterpriseBaseUrl.ToString().TrimEnd('/'));
        got.Head.Sha.Should().Be(HeadSha);
        fake.Requests.Should().OnlyContain(r => r.Enterprise && r.Path.StartsWith("/repos/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_secondary_rate_limit_surfaces_as_octokits_exception_with_retry_after()
    {
        await using var fake = await GitHubFake.StartAsync();
        var pr = fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", HeadSha, []);
        fake.Fail("issues/create-comment", GitHubFault.SecondaryRateLimit(TimeSpan.FromSeconds(7)));
        var github = Client(fake);

        var limited = async () => await github.Issue.Comment.Create("acme", "portfolio", pr.Number, "plan");
        var e = (await limited.Should().ThrowAsync<SecondaryRateLimitExceededException>()).Which;
        var retried = await github.Issue.Comment.Create("acme", "portfolio", pr.Number, "plan");

        e.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        e.HttpResponse.Headers["Retry-After"].Should().Be("7");
        retried.Body.Should().Be("plan");
        pr.Comments.Should().ContainSingle("the limited request changed nothing");
        fake.Requests.Select(r => r.Status).Should().Equal(403, 201);
    }

    [Fact]
    public async Task An_exhausted_primary_limit_surfaces_with_its_reset_time()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", HeadSha, []);
        var reset = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 120);
        fake.Fail("pulls/get", GitHubFault.RateLimitExhausted(reset));

        var call = async () => await Client(fake).PullRequest.Get("acme", "portfolio", 1);

        var e = (await call.Should().ThrowAsync<RateLimitExceededException>()).Which;
        e.Remaining.Should().Be(0);
        e.Reset.Should().Be(reset);
    }

    [Fact]
    public async Task Too_many_requests_server_errors_and_validation_failures_surface_as_octokit_exceptions()
    {
        await using var fake = await GitHubFake.StartAsync();
        var pr = fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", HeadSha, []);
        fake.Fail("repos/create-commit-status", GitHubFault.TooManyRequests(TimeSpan.FromSeconds(3)));
        fake.Fail("repos/create-commit-status", GitHubFault.ServerError(502), times: 2);
        fake.Fail("repos/create-commit-status", GitHubFault.ValidationFailed("Status", "context", "context is reserved"));
        var github = Client(fake);
        var status = new NewCommitStatus { State = CommitState.Pending, Context = "reconciler/plan" };
        Func<Task> create = async () => await github.Repository.Status.Create("acme", "portfolio", pr.HeadSha, status);

        (await create.Should().ThrowAsync<ApiException>()).Which.StatusCode.Should().Be((HttpStatusCode)429);
        (await create.Should().ThrowAsync<ApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await create.Should().ThrowAsync<ApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        var invalid = (await create.Should().ThrowAsync<ApiValidationException>()).Which;
        await create();

        invalid.ApiError.Message.Should().Be("Validation Failed");
        invalid.ApiError.Errors.Single().Message.Should().Be("context is reserved");
        invalid.ApiError.DocumentationUrl.Should().NotBeNullOrEmpty();
        fake.Repo("acme", "portfolio").Statuses(pr.HeadSha).Should().ContainSingle();
    }

    [Fact]
    public async Task A_comment_over_githubs_size_limit_is_a_validation_failure()
    {
        await using var fake = await GitHubFake.StartAsync();
        var pr = fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", HeadSha, []);

        var call = async () => await Client(fake).Issue.Comment.Create("acme", "portfolio", pr.Number, new string('x', 65_537));

        (await call.Should().ThrowAsync<ApiValidationException>()).Which.ApiError.Errors.Single().Message
            .Should().Be("body is too long (maximum is 65536 characters)");
        pr.Comments.Should().BeEmpty();
        fake.Violations.Should().BeEmpty("a too long body is GitHub's own refusal, not a shape the description forbids");
    }

    [Fact]
    public async Task A_documented_operation_the_fake_does_not_model_is_a_violation()
    {
        await using var fake = await GitHubFake.StartAsync();
        fake.Repo("acme", "portfolio");

        var call = async () => await Client(fake).Repository.Branch.GetAll("acme", "portfolio");

        (await call.Should().ThrowAsync<ApiException>()).Which.StatusCode.Should().Be(HttpStatusCode.NotImplemented);
        fake.TakeViolations().Should().ContainSingle().Which.Rule.Should().Be("not modelled");
    }

    [Fact]
    public async Task Disposing_with_an_untaken_violation_fails_the_test()
    {
        var fake = await GitHubFake.StartAsync();
        using var http = new HttpClient();
        using var _ = await http.SendAsync(Raw(fake, HttpMethod.Get, "nowhere"));

        var dispose = async () => await fake.DisposeAsync();

        (await dispose.Should().ThrowAsync<Xunit.Sdk.XunitException>()).Which.Message.Should().Contain("GET /nowhere");
    }

    [Fact]
    public async Task An_app_jwt_is_exchanged_for_an_installation_token_that_writes_as_the_bot()
    {
        await using var fake = await GitHubFake.StartAsync();
        using var key = RSA.Create(2048);
        var app = fake.RegisterApp(424242, "reconciler", key);
        var installation = app.Install("acme");
        var pr = fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", HeadSha, []);
        fake.Repo("other", "elsewhere").OpenIssue("not ours");
        var asApp = Client(fake, credentials: new Credentials(Jwt(key, 424242), AuthenticationType.Bearer));

        var me = await asApp.GitHubApps.GetCurrent();
        var found = await asApp.GitHubApps.GetRepositoryInstallationForCurrent("acme", "portfolio");
        var byId = await asApp.GitHubApps.GetInstallationForCurrent(installation);
        var token = await asApp.GitHubApps.CreateInstallationToken(installation);
        var asInstallation = Client(fake, credentials: new Credentials(token.Token));
        var comment = await asInstallation.Issue.Comment.Create("acme", "portfolio", pr.Number, "plan");
        var otherOwner = async () => await asInstallation.Issue.Get("other", "elsewhere", 1);

        me.Id.Should().Be(424242);
        me.Slug.Should().Be("reconciler");
        found.Id.Should().Be(installation);
        byId.Account.Login.Should().Be("acme");
        token.Token.Should().StartWith("ghs_");
        token.ExpiresAt.Should().BeCloseTo(DateTimeOffset.UtcNow.AddHours(1), TimeSpan.FromMinutes(1));
        app.IssuedTokens.Should().ContainSingle().Which.Token.Should().Be(token.Token);
        comment.User.Login.Should().Be("reconciler[bot]");
        comment.User.Type!.Value.Should().Be(AccountType.Bot);
        await otherOwner.Should().ThrowAsync<NotFoundException>("an installation token reaches only its account's repositories");
    }

    [Fact]
    public async Task A_jwt_signed_with_another_key_expired_or_too_long_lived_is_refused()
    {
        await using var fake = await GitHubFake.StartAsync();
        using var key = RSA.Create(2048);
        using var otherKey = RSA.Create(2048);
        var installation = fake.RegisterApp(7, "reconciler", key).Install("acme");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        async Task<string> Refusal(string jwt)
        {
            var call = async () => await Client(fake, credentials: new Credentials(jwt, AuthenticationType.Bearer)).GitHubApps.CreateInstallationToken(installation);
            return (await call.Should().ThrowAsync<AuthorizationException>()).Which.Message;
        }

        (await Refusal(Jwt(otherKey, 7))).Should().Be("A JSON web token could not be decoded");
        (await Refusal(Jwt(key, 8))).Should().Be("A JSON web token could not be decoded");
        (await Refusal(Jwt(key, 7, now - 1200, now - 600))).Should().Contain("'exp'");
        (await Refusal(Jwt(key, 7, now - 60, now + 3600))).Should().Contain("too far in the future");
        (await Refusal(Jwt(key, 7, now + 600, now + 660))).Should().Contain("'iat'");
        (await Refusal(fake.Token)).Should().Be("A JSON web token could not be decoded");
        fake.Violations.Should().BeEmpty();
    }

    [Fact]
    public async Task An_expired_installation_token_is_refused()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var fake = await GitHubFake.StartAsync(new GitHubFakeOptions { Clock = clock });
        using var key = RSA.Create(2048);
        var app = fake.RegisterApp(9, "reconciler", key);
        var installation = app.Install("acme");
        fake.Repo("acme", "portfolio");
        var token = await Client(fake, credentials: new Credentials(Jwt(key, 9, clock.GetUtcNow().ToUnixTimeSeconds()), AuthenticationType.Bearer))
            .GitHubApps.CreateInstallationToken(installation);
        var asInstallation = Client(fake, credentials: new Credentials(token.Token));
        await asInstallation.Repository.Get("acme", "portfolio");

        clock.Advance(TimeSpan.FromMinutes(61));
        var call = async () => await asInstallation.Repository.Get("acme", "portfolio");

        await call.Should().ThrowAsync<AuthorizationException>();
    }

    /// <summary>A GitHub App JWT, signed as the product signs it (RS256).</summary>
    private static string Jwt(RSA key, long appId, long? iat = null, long? exp = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT" }));
        var claims = B64(JsonSerializer.SerializeToUtf8Bytes(new { iat = iat ?? now - 60, exp = exp ?? (iat ?? now - 60) + 540, iss = appId.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + claims + "." + B64(signature);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
