using Reconciler.Daemon;

namespace Reconciler.Tests.Daemon;

public sealed class ShardAssignmentTests
{
    private static readonly List<string> Domains = Enumerable.Range(0, 2000).Select(i => $"client{i:D5}.example").ToList();

    [Fact]
    public void Every_domain_has_exactly_one_owner_and_the_answer_never_changes()
    {
        var shards = Enumerable.Range(0, 4).Select(i => new ShardAssignment(i, 4)).ToList();
        foreach (var d in Domains.Take(300))
        {
            shards.Count(s => s.Owns(d)).Should().Be(1, d);
            ShardAssignment.OwnerOf(d, 4).Should().Be(ShardAssignment.OwnerOf(d.ToUpperInvariant(), 4), "domain names are case-insensitive");
        }

        // Pinned values (computed independently with Python's hashlib): replicas on any machine and .NET version agree.
        ShardAssignment.OwnerOf("acme.example", 4).Should().Be(0);
        Enumerable.Range(0, 10).Select(i => ShardAssignment.OwnerOf($"client{i:D5}.example", 3)).Should().Equal(1, 1, 1, 0, 0, 0, 2, 2, 0, 1);
    }

    [Fact]
    public void Shards_get_a_fair_share()
    {
        var counts = Domains.GroupBy(d => ShardAssignment.OwnerOf(d, 4)).ToDictionary(g => g.Key, g => g.Count());
        counts.Keys.Should().BeEquivalentTo([0, 1, 2, 3]);
        counts.Values.Should().OnlyContain(n => n > 400 && n < 600, "2000 domains over 4 shards is 500 each, give or take");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Growing_by_one_replica_moves_only_the_new_shards_share_and_only_to_it(int n)
    {
        var moved = Domains.Where(d => ShardAssignment.OwnerOf(d, n) != ShardAssignment.OwnerOf(d, n + 1)).ToList();
        moved.Should().OnlyContain(d => ShardAssignment.OwnerOf(d, n + 1) == n, "a domain that moves, moves to the new shard");
        var share = (double)moved.Count / Domains.Count;
        share.Should().BeApproximately(1.0 / (n + 1), 0.05, "about 1/(N+1) of the domains move");
    }

    [Fact]
    public void A_single_replica_owns_everything()
    {
        ShardAssignment.Single.Owns("anything.example").Should().BeTrue();
        new ShardAssignment(0, 1).ToString().Should().Be("all domains");
        new ShardAssignment(2, 5).ToString().Should().Be("shard 2 of 5");
    }
}
