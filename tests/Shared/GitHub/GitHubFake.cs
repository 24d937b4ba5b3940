using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.Schema.Loading;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>
/// A GitHub-shaped REST server on 127.0.0.1 for tests, because GitHub itself cannot be reached from here. It is
/// strict where a mock would be lenient: every request is checked against GitHub's official OpenAPI description
/// (@octokit/openapi 23.0.2, api.github.com.deref.json) — method and path must be a documented operation, path and
/// query parameters and the JSON body must satisfy its schemas, Accept, User-Agent and Authorization must be sent,
/// and X-GitHub-Api-Version must be a published version when sent. Anything else is answered as GitHub would
/// (404, 422, 400) and recorded in <see cref="Violations"/>; <see cref="DisposeAsync"/> fails the test when a
/// violation was not taken with <see cref="TakeViolations"/>. Answers are the documented examples with the fake's
/// state filled in, and are themselves checked against the documented response schemas.
/// </summary>
/// <example>
/// <code>
/// await using var github = await GitHubFake.StartAsync();
/// var repo = github.Repo("acme", "portfolio");
/// var pr = repo.OpenPullRequest("change-mx", "aaaa…", ["domains/acme.example.yaml"], author: "alice");
/// pr.AddReview("bob", GitHubReviewState.Approved);
/// github.Org("acme").Team("dns").AddMember("bob");
/// // point the product at github.BaseUrl (or github.EnterpriseBaseUrl, /api/v3/) with github.Token
/// github.Requests.Where(r => r.OperationId == "issues/create-comment").Should().ContainSingle();
/// github.Fail("issues/update-comment", GitHubFault.SecondaryRateLimit(TimeSpan.FromSeconds(1)));
/// var app = github.RegisterApp(42, "reconciler", rsa); var installation = app.Install("acme");
/// </code>
/// Modelled: repos/get; pulls get, list, list-files, list-reviews, get-review, create-review, check-if-merged;
/// issue comments create, list, get, update, delete; issues create, get, update, list-for-repo (state, labels,
/// creator, since, sort); labels create, get, list, add to and remove from an issue; commit statuses create, list,
/// combined; users get-authenticated, get-by-username; org membership, teams get-by-name, members, memberships
/// (by slug and legacy by id); apps get-authenticated, get-installation, get-repo-installation,
/// create-installation-access-token. A documented operation not modelled answers 501 and is a violation.
/// Lists paginate (per_page, page, Link header). Programmable faults: <see cref="Fail"/>.
/// </example>
public sealed class GitHubFake : IAsyncDisposable
{
    /// <summary>The REST API versions GitHub publishes (docs.github.com/rest/about-the-rest-api/api-versions).</summary>
    public static readonly IReadOnlySet<string> ApiVersions = new HashSet<string>(StringComparer.Ordinal) { "2022-11-28", "2026-03-10" };

    private const string EnterprisePrefix = "/api/v3";

    private readonly WebApplication _app;
    private readonly OpenApiDescription _description;
    private readonly Dictionary<string, Func<GitHubCall, GitHubReply>> _endpoints = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GitHubFakeUser> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, GitHubFakeRepository> _repos = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, GitHubFakeOrganization> _orgs = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<GitHubFakeApp> _apps = [];
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<GitHubViolation> _violations = [];
    private readonly List<(string OperationId, GitHubFault Fault, int Remaining)> _faults = [];
    private long _nextId = 1000;

    private GitHubFake(WebApplication app, OpenApiDescription description, GitHubFakeOptions options)
    {
        _app = app;
        _description = description;
        Options = options;
        _tokens[options.Token] = options.TokenLogin;
        PullRequestEndpoints.Register(_endpoints);
        IssueEndpoints.Register(_endpoints);
        StatusEndpoints.Register(_endpoints);
        OrganizationEndpoints.Register(_endpoints);
        AccountEndpoints.Register(_endpoints);
        AppEndpoints.Register(_endpoints);
        User(options.TokenLogin);
    }

    /// <summary>http://127.0.0.1:PORT/ — the api.github.com equivalent.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>http://127.0.0.1:PORT/api/v3/ — the same server as GitHub Enterprise Server addresses it.</summary>
    public Uri EnterpriseBaseUrl => new(BaseUrl, "api/v3/");

    /// <summary>The token the fake accepts, belonging to <see cref="GitHubFakeOptions.TokenLogin"/>.</summary>
    public string Token => Options.Token;

    public GitHubFakeOptions Options { get; }

    /// <summary>Every request answered so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests { get { lock (Gate) { return _requests.ToList(); } } }

    /// <summary>Every request (or fake answer) that broke the OpenAPI description, not yet taken.</summary>
    public IReadOnlyList<GitHubViolation> Violations { get { lock (Gate) { return _violations.ToList(); } } }

    internal object Gate { get; } = new();

    /// <summary>Now, to the second (GitHub's timestamps have no fractions).</summary>
    internal DateTimeOffset Now => DateTimeOffset.FromUnixTimeSeconds(Options.Clock.GetUtcNow().ToUnixTimeSeconds());

    public static async Task<GitHubFake> StartAsync(GitHubFakeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new GitHubFakeOptions();
        var description = await Task.Run(() => OpenApiDescription.Load(options.Description), cancellationToken);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new GitHubFake(app, description, options);
        app.Run(fake.HandleAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseUrl = new Uri($"http://127.0.0.1:{new Uri(address).Port}/");
        return fake;
    }

    /// <summary>The repository owner/name, made (default branch main) on first use.</summary>
    public GitHubFakeRepository Repo(string owner, string name)
    {
        lock (Gate)
        {
            var key = owner + "/" + name;
            if (!_repos.TryGetValue(key, out var repo))
            {
                User(owner);
                repo = new GitHubFakeRepository(this, owner, name, NextId());
                _repos[key] = repo;
            }

            return repo;
        }
    }

    /// <summary>The organization, made on first use (its account becomes an "Organization").</summary>
    public GitHubFakeOrganization Org(string login)
    {
        lock (Gate)
        {
            if (!_orgs.TryGetValue(login, out var org))
            {
                org = new GitHubFakeOrganization(this, login);
                _orgs[login] = org;
                _users[login] = new GitHubFakeUser(login, _users.TryGetValue(login, out var u) ? u.Id : NextId(), "Organization");
            }

            return org;
        }
    }

    /// <summary>The account with this login, made (as a "User") on first use.</summary>
    public GitHubFakeUser User(string login)
    {
        lock (Gate)
        {
            if (!_users.TryGetValue(login, out var user))
            {
                user = new GitHubFakeUser(login, NextId(), login.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User");
                _users[login] = user;
            }

            return user;
        }
    }

    /// <summary>Another accepted token, e.g. a second identity for a reviewer who approves through the API.</summary>
    public void AddToken(string token, string login)
    {
        lock (Gate)
        {
            User(login);
            _tokens[token] = login;
        }
    }

    /// <summary>Registers a GitHub App; JWTs signed with the private half of <paramref name="key"/> authenticate as it.</summary>
    public GitHubFakeApp RegisterApp(long appId, string slug, RSA key)
    {
        var publicKey = RSA.Create();
        publicKey.ImportParameters(key.ExportParameters(includePrivateParameters: false));
        lock (Gate)
        {
            var app = new GitHubFakeApp(this, appId, slug, publicKey);
            _apps.Add(app);
            User(app.BotLogin);
            return app;
        }
    }

    /// <summary>Answers the next <paramref name="times"/> calls of an operation (its operationId, e.g.
    /// <c>issues/create-comment</c>) with <paramref name="fault"/>, after the request was validated.</summary>
    public void Fail(string operationId, GitHubFault fault, int times = 1)
    {
        _description.ById(operationId);
        lock (Gate)
        {
            _faults.Add((operationId, fault, times));
        }
    }

    /// <summary>Returns the violations recorded so far and forgets them: for tests that provoke violations on purpose.</summary>
    public IReadOnlyList<GitHubViolation> TakeViolations()
    {
        lock (Gate)
        {
            var taken = _violations.ToList();
            _violations.Clear();
            return taken;
        }
    }

    /// <summary>Fails (throws) when any request so far broke the OpenAPI description.</summary>
    public void AssertNoViolations()
    {
        var v = Violations;
        if (v.Count > 0)
        {
            throw new Xunit.Sdk.XunitException(
                $"the GitHub fake recorded {v.Count} request(s) that GitHub's OpenAPI description does not allow:\n  "
                + string.Join("\n  ", v) + "\nrequests:\n  "
                + string.Join("\n  ", Requests.Select(r => r.Body is null ? r.ToString() : $"{r}  body: {(r.Body.Length > 300 ? r.Body[..300] + "…" : r.Body)}")));
        }
    }

    /// <summary>Stops the server, then fails when violations were recorded and not taken.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var app in _apps)
        {
            app.PublicKey.Dispose();
        }

        AssertNoViolations();
    }

    internal long NextId() => Interlocked.Increment(ref _nextId);

    internal GitHubFakeRepository? FindRepo(string owner, string name) => _repos.GetValueOrDefault(owner + "/" + name);

    internal GitHubFakeOrganization? FindOrg(string login) => _orgs.GetValueOrDefault(login);

    internal GitHubFakeUser? FindUser(string login) => _users.GetValueOrDefault(login);

    internal GitHubFakeTeam? FindTeam(long id) => _orgs.Values.SelectMany(o => o.AllTeams).FirstOrDefault(t => t.Id == id);

    private async Task HandleAsync(HttpContext http)
    {
        string? bodyText = null;
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            bodyText = await reader.ReadToEndAsync(http.RequestAborted);
        }

        var raw = http.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var queryAt = raw.IndexOf('?', StringComparison.Ordinal);
        var path = queryAt < 0 ? raw : raw[..queryAt];
        var queryText = queryAt < 0 ? "" : raw[(queryAt + 1)..];
        var enterprise = path == EnterprisePrefix || path.StartsWith(EnterprisePrefix + "/", StringComparison.Ordinal);
        if (enterprise)
        {
            path = path[EnterprisePrefix.Length..];
        }

        var method = http.Request.Method.ToUpperInvariant();
        Answer answer;
        OpenApiOperation? operation;
        lock (Gate)
        {
            (answer, operation) = Process(http.Request, method, path, queryText, bodyText, enterprise);
            var headers = http.Request.Headers
                .Where(h => !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _requests.Add(new RecordedRequest(Now, method, path, queryText, operation?.OperationId, answer.Status, bodyText, enterprise, headers));
        }

        http.Response.StatusCode = answer.Status;
        http.Response.Headers["X-GitHub-Request-Id"] = "FAKE:" + NextId().ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        var reset = (Now.ToUnixTimeSeconds() + 3600).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-RateLimit-Limit"] = "5000";
        http.Response.Headers["X-RateLimit-Remaining"] = "4999";
        http.Response.Headers["X-RateLimit-Used"] = "1";
        http.Response.Headers["X-RateLimit-Reset"] = reset;
        http.Response.Headers["X-RateLimit-Resource"] = "core";
        foreach (var (k, v) in answer.Headers)
        {
            http.Response.Headers[k] = v;
        }

        if (answer.Body is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(answer.Body.ToJsonString(), http.RequestAborted);
        }
    }

    private (Answer Answer, OpenApiOperation? Operation) Process(HttpRequest request, string method, string path, string queryText, string? bodyText, bool enterprise)
    {
        var where = $"{method} {path}{(queryText.Length > 0 ? "?" + queryText : "")}";
        var apiBase = BaseUrl.ToString().TrimEnd('/') + (enterprise ? EnterprisePrefix : "");
        var json = new GitHubJson(this, apiBase, BaseUrl.ToString().TrimEnd('/'));
        var operation = _description.Match(method, path, out var pathValues, out var pathDocumented);
        if (operation is null)
        {
            Violate(where, "undocumented operation", pathDocumented
                ? $"the path is documented, but not for {method}"
                : "no operation in the OpenAPI description has this path");
            return (Error(404, "Not Found"), null);
        }

        // Headers GitHub requires, or that Octokit sends and GitHub checks.
        if (string.IsNullOrWhiteSpace(request.Headers.UserAgent))
        {
            Violate(where, "header User-Agent", "missing (GitHub refuses requests without one)");
            return (Error(403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required)."), operation);
        }

        if (string.IsNullOrWhiteSpace(request.Headers.Accept))
        {
            Violate(where, "header Accept", "missing (send application/vnd.github+json)");
        }

        if (request.Headers.TryGetValue("X-GitHub-Api-Version", out var version) && !ApiVersions.Contains(version.ToString()))
        {
            Violate(where, "header X-GitHub-Api-Version", $"'{version}' is not a published API version ({string.Join(", ", ApiVersions)})");
            return (Error(400, $"API version '{version}' is not supported."), operation);
        }

        var problems = new List<string>();
        var query = QueryValues(queryText);
        CheckParameters(operation, pathValues, query, problems);
        var body = CheckBody(operation, request.ContentType, bodyText, problems, out var unparsable);
        if (problems.Count > 0)
        {
            foreach (var p in problems)
            {
                Violate(where, "request (" + operation.OperationId + ")", p);
            }

            return unparsable
                ? (Error(400, "Problems parsing JSON"), operation)
                : (Error(422, "Invalid request.\n\n" + string.Join("\n", problems)), operation);
        }

        var (caller, authError) = Authenticate(request.Headers.Authorization.ToString(), operation, where);
        if (caller is null)
        {
            return (Error(401, authError!), operation);
        }

        var faultIndex = _faults.FindIndex(f => f.OperationId == operation.OperationId && f.Remaining > 0);
        if (faultIndex >= 0)
        {
            var (id, fault, remaining) = _faults[faultIndex];
            _faults[faultIndex] = (id, fault, remaining - 1);
            return (Error(fault.Status, fault.Message, fault.Errors, fault.DocumentationUrl) with { Headers = fault.Headers }, operation);
        }

        if (!_endpoints.TryGetValue(operation.OperationId, out var endpoint))
        {
            Violate(where, "not modelled", $"{operation} is documented but the GitHub fake does not model it; add it to tests/Shared/GitHub");
            return (Error(501, "Not Implemented"), operation);
        }

        Answer answer;
        try
        {
            var reply = endpoint(new GitHubCall(this, operation, pathValues, query, body as JsonObject, caller, json));
            if (operation.ResponseSchemaElement(reply.Status) is { } responseSchema)
            {
                SchemaDefaults.Complete(reply.Body, responseSchema, apiBase);
            }

            answer = reply.Paged && reply.Body is JsonArray all
                ? Page(all, reply.Status, query, apiBase + path)
                : new Answer(reply.Status, reply.Body, new Dictionary<string, string>());
        }
        catch (GitHubErrorException e)
        {
            answer = Error(e.Status, e.Message, e.Errors, e.DocumentationUrl);
        }

        if (Options.ValidateResponses)
        {
            CheckResponse(operation, answer, where);
        }

        return (answer, operation);
    }

    private void CheckParameters(OpenApiOperation operation, IReadOnlyDictionary<string, string> pathValues, Dictionary<string, string> query, List<string> problems)
    {
        foreach (var p in operation.Parameters.Where(p => p.In is "path" or "query"))
        {
            var value = p.In == "path" ? pathValues.GetValueOrDefault(p.Name) : query.GetValueOrDefault(p.Name);
            if (value is null)
            {
                if (p.Required)
                {
                    problems.Add($"{p.In} parameter '{p.Name}' is required");
                }

                continue;
            }

            var asJson = p.AsJson(value);
            var schema = operation.ParameterSchema(p);
            if (asJson is null)
            {
                problems.Add($"{p.In} parameter '{p.Name}': '{value}' is not of type {p.Schema.GetProperty("type").GetString()}");
            }
            else if (schema is not null)
            {
                problems.AddRange(schema.Validate(NodeJson.Parse(asJson)).Select(e => $"{p.In} parameter '{p.Name}' = '{value}': {e.Message}"));
            }
        }

        // Query parameters the operation does not document are not a violation: GitHub ignores them, and Octokit
        // sends some routinely (sort and direction when listing comments, filter when listing a repository's
        // issues). Endpoints ignore them too; RecordedRequest.Query keeps them for tests that care.
    }

    private static JsonNode? CheckBody(OpenApiOperation operation, string? contentType, string? bodyText, List<string> problems, out bool unparsable)
    {
        unparsable = false;
        if (string.IsNullOrWhiteSpace(bodyText))
        {
            if (operation.RequestBodyRequired)
            {
                problems.Add("a request body is required");
            }

            return null;
        }

        if (!operation.HasRequestBody)
        {
            // Octokit sends "{}" with DELETE requests; an empty object says nothing, and GitHub ignores it.
            if (bodyText.Trim() == "{}")
            {
                return null;
            }

            problems.Add("the operation takes no request body, but one was sent");
            return null;
        }

        // Octokit labels its JSON bodies application/x-www-form-urlencoded; GitHub reads them as JSON all the same.
        var mediaType = (contentType ?? "").Split(';')[0].Trim();
        if (!operation.RequestMediaTypes.Contains("application/json")
            || (mediaType is not ("application/json" or "application/x-www-form-urlencoded") && !mediaType.EndsWith("+json", StringComparison.Ordinal)))
        {
            problems.Add($"Content-Type '{contentType}': the operation takes {string.Join(", ", operation.RequestMediaTypes)}");
            return null;
        }

        try
        {
            var node = JsonNode.Parse(bodyText);
            if (operation.OperationId == "issues/add-labels" && node is JsonArray bare)
            {
                // The operation's description allows it in words ("You can also pass an array of labels directly")
                // though its schema does not; Octokit sends that form. Checked as the object form it stands for.
                node = new JsonObject { ["labels"] = bare.DeepClone() };
                bodyText = node.ToJsonString();
            }

            if (operation.RequestBodySchema is { } schema)
            {
                problems.AddRange(schema.Validate(NodeJson.Parse(bodyText, "request body")).Select(e =>
                    $"body {(e.InstanceLocation.Length == 0 ? "(document)" : e.InstanceLocation)}: {e.Message}"));
            }

            return node;
        }
        catch (JsonException e)
        {
            unparsable = true;
            problems.Add("the body is not JSON: " + e.Message);
            return null;
        }
    }

    private (GitHubCaller? Caller, string? Error) Authenticate(string authorization, OpenApiOperation operation, string where)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            Violate(where, "header Authorization", "missing: every operation the product uses needs authentication");
            return (null, "Requires authentication");
        }

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? "" : authorization[..space];
        var credential = space < 0 ? "" : authorization[(space + 1)..].Trim();
        if (!scheme.Equals("token", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "Bad credentials");
        }

        if (AppEndpoints.NeedJwt.Contains(operation.OperationId))
        {
            var (app, error) = AppJwt.Verify(credential, _apps, Now);
            return app is null ? (null, error) : (new GitHubCaller(app.Slug, GitHubCallerKind.AppJwt, app), null);
        }

        if (_tokens.TryGetValue(credential, out var login))
        {
            return (new GitHubCaller(login, GitHubCallerKind.Token), null);
        }

        foreach (var app in _apps)
        {
            if (app.FindToken(credential) is { } token)
            {
                return token.ExpiresAt > Now
                    ? (new GitHubCaller(app.BotLogin, GitHubCallerKind.Installation, app, token.InstallationId), null)
                    : (null, "Bad credentials");
            }
        }

        return (null, "Bad credentials");
    }

    private Answer Page(JsonArray all, int status, Dictionary<string, string> query, string url)
    {
        var perPage = Math.Clamp(query.TryGetValue("per_page", out var pp) && int.TryParse(pp, CultureInfo.InvariantCulture, out var n) ? n : 30, 1, 100);
        var page = Math.Max(1, query.TryGetValue("page", out var pg) && int.TryParse(pg, CultureInfo.InvariantCulture, out var p) ? p : 1);
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var items = new JsonArray(all.Skip((page - 1) * perPage).Take(perPage).Select(i => i!.DeepClone()).ToArray());
        var links = new List<string>();
        string Link(int target, string rel)
        {
            var q = new Dictionary<string, string>(query, StringComparer.Ordinal) { ["per_page"] = perPage.ToString(CultureInfo.InvariantCulture), ["page"] = target.ToString(CultureInfo.InvariantCulture) };
            return $"<{url}?{string.Join('&', q.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)))}>; rel=\"{rel}\"";
        }

        if (page > 1)
        {
            links.Add(Link(page - 1, "prev"));
        }

        if (page < last)
        {
            links.Add(Link(page + 1, "next"));
            links.Add(Link(last, "last"));
        }

        if (page > 1)
        {
            links.Add(Link(1, "first"));
        }

        var headers = new Dictionary<string, string>();
        if (links.Count > 0)
        {
            headers["Link"] = string.Join(", ", links);
        }

        return new Answer(status, items, headers);
    }

    private void CheckResponse(OpenApiOperation operation, Answer answer, string where)
    {
        if (answer.Status is >= 200 and < 300 && !operation.DocumentedStatuses.Contains(answer.Status))
        {
            Violate(where, "response (fake)", $"the fake answered {answer.Status}, which {operation.OperationId} does not document");
            return;
        }

        if (answer.Body is null || operation.ResponseSchema(answer.Status) is not { } schema)
        {
            return;
        }

        foreach (var e in schema.Validate(NodeJson.Parse(answer.Body.ToJsonString(), "response")).Take(10))
        {
            Violate(where, "response (fake) " + answer.Status, $"{(e.InstanceLocation.Length == 0 ? "(document)" : e.InstanceLocation)}: {e.Message}");
        }
    }

    private static Answer Error(int status, string message, JsonArray? errors = null, string documentationUrl = "https://docs.github.com/rest")
    {
        var body = new JsonObject { ["message"] = message };
        if (errors is not null)
        {
            body["errors"] = errors.DeepClone();
        }

        body["documentation_url"] = documentationUrl;
        body["status"] = status.ToString(CultureInfo.InvariantCulture);
        return new Answer(status, body, new Dictionary<string, string>());
    }

    private static Dictionary<string, string> QueryValues(string queryText)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in queryText.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            result[key] = value;
        }

        return result;
    }

    private void Violate(string request, string rule, string detail) => _violations.Add(new GitHubViolation(request, rule, detail));

    private sealed record Answer(int Status, JsonNode? Body, IReadOnlyDictionary<string, string> Headers);
}
