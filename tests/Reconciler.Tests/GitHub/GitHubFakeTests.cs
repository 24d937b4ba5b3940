using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Octokit;
using Reconciler.Tests.Shared.GitHub;

namespace Reconciler.Tests.GitHub;

/// <summary>The GitHub fake driven by Octokit 14.0.0, the client the product uses: each modelled operation works,
/// and what GitHub's OpenAPI description does not allow is refused and recorded.</summary>
public sealed class GitHubFakeTests
{
    private const string HeadSha = "1111111111111111111111111111111111111111";

    private static GitHubClient Client(GitHubFake fake, Uri? baseUrl = null, Credentials? credentials = null) =>
        OctokitClients.For(fake, baseUrl, credentials);

    [Fact]
    public async Task Pull_request_files_and_reviews_come_back_as_octokit_objects()
    {
        await using var fake = await GitHubFake.StartAsync();
        var repo = fake.Repo("acme", "portfolio");
        var pr = repo.OpenPullRequest("change-mx", HeadSha, ["domains/acme.example.yaml", "templates/standard.yaml"], author: "alice");
        pr.AddReview("bob", GitHubReviewState.Approved);
        pr.AddReview("carol", GitHubReviewState.ChangesRequested, body: "not yet");
        var github = Client(fake);

        var got = await github.PullRequest.Get("acme", "portfolio", pr.Number);
        var files = await github.PullRequest.Files("acme", "portfolio", pr.Number);
        var reviews = await github.PullRequest.Review.GetAll("acme", "portfolio", pr.Number);
        var open = await github.PullRequest.GetAllForRepository("acme", "portfolio");

        got.Number.Should().Be(pr.Number);
        got.State.Value.Should().Be(ItemState.Open);
        got.Head.Sha.Should().Be(HeadSha);
        got.Head.Ref.Should().Be("change-mx");
        got.Base.Ref.Should().Be("main");
        got.User.Login.Should().Be("alice");
        got.Merged.Should().BeFalse();
        files.Select(f => f.FileName).Should().Equal("domains/acme.example.yaml", "templates/standard.yaml");
        reviews.Select(r => (r.User.Login, r.State.Value, r.CommitId)).Should().Equal(
            ("bob", PullRequestReviewState.Approved, HeadSha), ("carol", PullRequestReviewState.ChangesRequested, HeadSha));
        open.Select(p => p.Number).Should().Equal(pr.Number);
    }

    [Fact]
    public async Task A_push_moves_the_head_and_a_merge_closes_with_the_merge_commit()
    {
        await using var fake = await GitHubFake.StartAsync();
        var pr = fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", HeadSha, ["domains/acme.example.yaml"]);
        var github = Client(fake);
        pr.Push("2222222222222222222222222222222222222222");
        (await github.PullRequest.Get("acme", "portfolio", pr.Number)).Head.Sha.Should().Be("2222222222222222222222222222222222222222");
        (await github.PullRequest.Merged("acme", "portfolio", pr.Number)).Should().BeFalse();

        pr.Merge("3333333333333333333333333333333333333333");
        var merged = await github.PullRequest.Get("acme", "portfolio", pr.Number);

        merged.State.Value.Should().Be(ItemState.Closed);
        merged.Merged.Should().BeTrue();
        merged.MergeCommitSha.Should().Be("3333333333333333333333333333333333333333");
        (await github.PullRequest.Merged("acme", "portfolio", pr.Number)).Should().BeTrue();
        (await github.PullRequest.GetAllForRepository("acme", "portfolio")).Should().BeEmpty();
        fake.Repo("acme", "portfolio").Branch("main").Should().Be("3333333333333333333333333333333333333333");
    }

    [Fact]
    public async Task A_comment_is_created_once_then_edited_in_place_by_the_tokens_user()
    {
        await using var fake = await GitHubFake.StartAsync();
        var pr = fake.Repo("acme", "portfolio").OpenPullRequest("change-mx", HeadSha, ["domains/acme.example.yaml"]);
        pr.AddComment("alice", "looks fine");
        var github = Client(fake);

        var created = await github.Issue.Comment.Create("acme", "portfolio", pr.Number, "<!-- reconciler:plan -->\nplan v1");
        var all = await github.Issue.Comment.GetAllForIssue("acme", "portfolio", pr.Number);
        var mine = all.Single(c => c.Body.Contains("<!-- reconciler:plan -->", StringComparison.Ordinal));
        var edited = await github.Issue.Comment.Update("acme", "portfolio", mine.Id, "<!-- reconciler:plan -->\nplan v2");
        var fetched = await github.Issue.Comment.Get("acme", "portfolio", mine.Id);

        created.User.Login.Should().Be(fake.Options.TokenLogin);
        all.Select(c => c.User.Login).Should().Equal("alice", fake.Options.TokenLogin);
        edited.Id.Should().Be(created.Id);
        fetched.Body.Should().EndWith("plan v2");
        pr.Comments.Should().HaveCount(2);
        pr.Comments[1].Edits.Should().Be(1);
        fake.Requests.Where(r => r.OperationId is "issues/create-comment" or "issues/update-comment").Select(r => r.Method)
            .Should().Equal("POST", "PATCH");

        await github.Issue.Comment.Delete("acme", "portfolio", mine.Id);
        pr.Comments.Should().ContainSingle();
    }

    [Fact]
    public async Task Commit_statuses_are_listed_newest_first_and_combined_per_context()
    {
        await using var fake = await GitHubFake.StartAsync();
        var repo = fake.Repo("acme", "portfolio");
        repo.OpenPullRequest("change-mx", HeadSha, []);
        var github = Client(fake);

        await github.Repository.Status.Create("acme", "portfolio", HeadSha, new NewCommitStatus { State = CommitState.Pending, Context = "reconciler/plan", Description = "planning" });
        await github.Repository.Status.Create("acme", "portfolio", HeadSha, new NewCommitStatus
        {
            State = CommitState.Success, Context = "reconciler/plan", Description = "3 to add, 1 to change, 0 to delete", TargetUrl = "http://127.0.0.1:1/plans/1",
        });
        await github.Repository.Status.Create("acme", "portfolio", HeadSha, new NewCommitStatus { State = CommitState.Pending, Context = "reconciler/apply" });

        var list = await github.Repository.Status.GetAll("acme", "portfolio", HeadSha);
        var combined = await github.Repository.Status.GetCombined("acme", "portfolio", HeadSha);
        var byBranch = await github.Repository.Status.GetCombined("acme", "portfolio", "change-mx");

        list.Select(s => (s.Context, s.State.Value)).Should().Equal(
            ("reconciler/apply", CommitState.Pending), ("reconciler/plan", CommitState.Success), ("reconciler/plan", CommitState.Pending));
        list[1].Creator.Login.Should().Be(fake.Options.TokenLogin);
        combined.State.Value.Should().Be(CommitState.Pending);
        combined.TotalCount.Should().Be(2);
        combined.Statuses.Select(s => s.Description).Should().Contain("3 to add, 1 to change, 0 to delete");
        byBranch.Sha.Should().Be(HeadSha);
        repo.Statuses(HeadSha).Should().HaveCount(3);
    }

    [Fact]
    public async Task Issues_are_created_listed_by_label_and_state_edited_and_closed()
    {
        await using var fake = await GitHubFake.StartAsync();
        var repo = fake.Repo("acme", "portfolio");
        repo.OpenPullRequest("change-mx", HeadSha, []);
        repo.OpenIssue("unrelated", labels: "question");
        var github = Client(fake);

        var created = await github.Issue.Create("acme", "portfolio", new NewIssue("Drift on acme.example") { Body = "<!-- reconciler:drift acme.example -->", Labels = { "drift", "acme.example" } });
        var drift = await github.Issue.GetAllForRepository("acme", "portfolio", new RepositoryIssueRequest { Labels = { "drift", "acme.example" }, State = ItemStateFilter.Open });
        var everything = await github.Issue.GetAllForRepository("acme", "portfolio", new RepositoryIssueRequest { State = ItemStateFilter.All });
        var update = created.ToUpdate();
        update.Body = "<!-- reconciler:drift acme.example -->\nchanged";
        await github.Issue.Update("acme", "portfolio", created.Number, update);
        await github.Issue.Comment.Create("acme", "portfolio", created.Number, "The drift is gone.");
        var close = new IssueUpdate { State = ItemState.Closed };
        var closed = await github.Issue.Update("acme", "portfolio", created.Number, close);
        var openDrift = await github.Issue.GetAllForRepository("acme", "portfolio", new RepositoryIssueRequest { Labels = { "drift" } });

        created.User.Login.Should().Be(fake.Options.TokenLogin);
        created.Labels.Select(l => l.Name).Should().BeEquivalentTo("drift", "acme.example");
        drift.Select(i => i.Number).Should().Equal(created.Number);
        everything.Should().HaveCount(3);
        everything.Count(i => i.PullRequest is not null).Should().Be(1);
        closed.State.Value.Should().Be(ItemState.Closed);
        openDrift.Should().BeEmpty();
        repo.Issue(created.Number).Body.Should().EndWith("changed");
        repo.Issue(created.Number).Comments.Should().ContainSingle();
    }

    [Fact]
    public async Task Labels_are_created_read_added_to_and_removed_from_an_issue()
    {
        await using var fake = await GitHubFake.StartAsync();
        var repo = fake.Repo("acme", "portfolio");
        var issue = repo.OpenIssue("drift");
        var github = Client(fake);

        await github.Issue.Labels.Create("acme", "portfolio", new NewLabel("drift", "d93f0b") { Description = "live differs from Git" });
        var label = await github.Issue.Labels.Get("acme", "portfolio", "drift");
        var duplicate = async () => await github.Issue.Labels.Create("acme", "portfolio", new NewLabel("drift", "d93f0b"));
        await github.Issue.Labels.AddToIssue("acme", "portfolio", issue.Number, ["drift", "acme.example"]);
        var onIssue = await github.Issue.Labels.GetAllForIssue("acme", "portfolio", issue.Number);
        await github.Issue.Labels.RemoveFromIssue("acme", "portfolio", issue.Number, "acme.example");
        var all = await github.Issue.Labels.GetAllForRepository("acme", "portfolio");

        label.Color.Should().Be("d93f0b");
        (await duplicate.Should().ThrowAsync<ApiValidationException>()).Which.ApiError.Errors.Single().Code.Should().Be("already_exists");
        onIssue.Select(l => l.Name).Should().Equal("drift", "acme.example");
        repo.Issue(issue.Number).Labels.Should().Equal("drift");
        all.Select(l => l.Name).Should().BeEquivalentTo("drift", "acme.example");
    }

    [Fact]
    public async Task Users_teams_and_memberships_answer_as_github_does()
    {
        await using var fake = await GitHubFake.StartAsync();
        var dns = fake.Org("acme").Team("dns").AddMember("bob").AddMember("dana", role: "maintainer");
        fake.Org("acme").Team("owners").AddMember("erin", state: "pending");
        fake.User("frank");
        var github = Client(fake);

        var me = await github.User.Current();
        var frank = await github.User.Get("frank");
        var team = await github.Organization.Team.GetByName("acme", "dns");
        var bob = await github.Organization.Team.GetMembershipDetails(team.Id, "bob");
        var dana = await github.Connection.Get<TeamMembershipDetails>(new Uri("orgs/acme/teams/dns/memberships/dana", UriKind.Relative), null);
        var erin = await github.Connection.Get<TeamMembershipDetails>(new Uri("orgs/acme/teams/owners/memberships/erin", UriKind.Relative), null);
        var notMember = async () => await github.Organization.Team.GetMembershipDetails(team.Id, "frank");
        var members = await github.Connection.Get<List<User>>(new Uri("orgs/acme/teams/dns/members", UriKind.Relative), null);

        me.Login.Should().Be(fake.Options.TokenLogin);
        frank.Login.Should().Be("frank");
        team.Id.Should().Be(dns.Id);
        team.Slug.Should().Be("dns");
        bob.State.Value.Should().Be(MembershipState.Active);
        bob.Role.Value.Should().Be(TeamRole.Member);
        dana.Body.Role.Value.Should().Be(TeamRole.Maintainer);
        erin.Body.State.Value.Should().Be(MembershipState.Pending);
        await notMember.Should().ThrowAsync<NotFoundException>();
        members.Body.Select(u => u.Login).Should().BeEquivalentTo("bob", "dana");
        (await github.Organization.Member.CheckMember("acme", "bob")).Should().BeTrue();
        (await github.Organization.Member.CheckMember("acme", "frank")).Should().BeFalse();
        (await github.Repository.Get("acme", "portfolio").ContinueWith(t => t.Exception?.InnerException)).Should().BeOfType<NotFoundException>();
    }
}
