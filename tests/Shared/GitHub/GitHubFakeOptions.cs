using Reconciler.Tests.Common;

namespace Reconciler.Tests.Shared.GitHub;

/// <summary>How a <see cref="GitHubFake"/> starts.</summary>
public sealed record GitHubFakeOptions
{
    /// <summary>The personal or fine-grained token the fake accepts (<c>Authorization: token …</c> or <c>Bearer …</c>).</summary>
    public string Token { get; init; } = "github_pat_11RECONCILERFAKE0000000000000000000000000000000000";

    /// <summary>Whose token it is: the <c>user</c> of comments, statuses and issues made with it.</summary>
    public string TokenLogin { get; init; } = "reconciler-bot";

    /// <summary>The OpenAPI description every request is checked against (default: api.github.com's).</summary>
    public string? DescriptionFile { get; init; }

    /// <summary>Check every response the fake sends against the documented response schema (a violation when not).</summary>
    public bool ValidateResponses { get; init; } = true;

    /// <summary>The clock for created_at, submitted_at, token expiry and JWT checks.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    internal string Description => DescriptionFile ?? GitHubTestData.DotComDescription;
}
