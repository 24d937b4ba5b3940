using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema.Keywords;

/// <summary>
/// When no anyOf/oneOf alternative matches, dumping every branch's errors buries the one that matters.
/// This reports a merged message when all branches disagree on the same thing (the type, or a discriminator
/// value such as <c>type: MX</c>), and otherwise the errors of the single most plausible branch.
/// </summary>
internal static class BranchChooser
{
    private const int MaxHops = 4;

    public static void ReportClosest(Keyword keyword, IReadOnlyList<SchemaNode> branches, Node instance, ErrorCollector errors)
    {
        var depth = errors.Depth;
        var outer = errors.Failures;
        var results = new List<Failure>[branches.Count];
        for (var i = 0; i < branches.Count; i++)
        {
            errors.Failures = [];
            errors.EnterKeyword(keyword.Name, i);
            branches[i].Evaluate(instance, errors);
            errors.LeaveKeyword(2);
            results[i] = errors.Failures;
        }

        errors.Failures = outer;

        if (TryMergeTypes(keyword, results, instance, depth, errors) || TryMergeDiscriminators(keyword, results, instance, depth, errors))
        {
            return;
        }

        var best = 0;
        Score? bestScore = null;
        for (var i = 0; i < branches.Count; i++)
        {
            var score = Rate(branches[i], results[i], instance, depth);
            if (bestScore is null || score.CompareTo(bestScore.Value) < 0)
            {
                best = i;
                bestScore = score;
            }
        }

        outer.AddRange(results[best]);
    }

    private static bool RejectsType(List<Failure> failures, int depth) =>
        failures.Any(f => f.Source is TypeKeyword && f.Depth == depth);

    /// <summary>Every branch wants another type: "expected a string or a map, got number 5".</summary>
    private static bool TryMergeTypes(Keyword keyword, List<Failure>[] results, Node instance, int depth, ErrorCollector errors)
    {
        if (results.Length == 0 || !results.All(r => RejectsType(r, depth)))
        {
            return false;
        }

        var types = JsonTypes.None;
        foreach (var r in results)
        {
            foreach (var f in r)
            {
                if (f.Source is TypeKeyword t && f.Depth == depth)
                {
                    types |= t.Types;
                }
            }
        }

        errors.Report(keyword, instance.Position, $"expected {Messages.Or(TypeKeyword.Phrases(types))}, got {Messages.Describe(instance)}");
        return true;
    }

    /// <summary>
    /// Every branch that accepts the type rejects the same value by const/enum (a discriminator such as
    /// <c>type</c>): report that value once, listing all the values the branches accept.
    /// </summary>
    private static bool TryMergeDiscriminators(Keyword keyword, List<Failure>[] results, Node instance, int depth, ErrorCollector errors)
    {
        string? location = null;
        Failure? sample = null;
        var values = new List<Node>();
        var any = false;
        foreach (var r in results)
        {
            if (RejectsType(r, depth))
            {
                continue;
            }

            var discriminators = r.Where(f => f.Source is ConstKeyword or EnumKeyword && f.Depth <= depth + 1).ToList();
            if (discriminators.Count == 0)
            {
                return false;
            }

            var f0 = discriminators[0];
            if (location is not null && location != f0.Error.InstanceLocation)
            {
                return false;
            }

            location = f0.Error.InstanceLocation;
            sample = f0;
            any = true;
            values.AddRange(f0.Source is ConstKeyword c ? [c.Value] : ((EnumKeyword)f0.Source).Values);
        }

        if (!any || sample is null || location is null)
        {
            return false;
        }

        var offending = location == errors.InstancePointer ? instance : FindChild(instance, location[errors.InstancePointer.Length..]);
        if (offending is null)
        {
            return false;
        }

        var distinct = values.Distinct(NodeEquality.Instance).ToList();
        errors.ReportAt(keyword, location, sample.Depth, sample.Error.Position, EnumKeyword.Message(distinct, offending));
        return true;
    }

    private static Node? FindChild(Node instance, string relativePointer)
    {
        var tokens = JsonPointer.Parse(relativePointer);
        if (tokens is not [var token] || instance is not MapNode map)
        {
            return null;
        }

        return map.TryGetValue(token, out var value) ? value : null;
    }

    private static Score Rate(SchemaNode branch, List<Failure> failures, Node instance, int depth)
    {
        var mismatch = failures.Any(f => f.Source is ConstKeyword or EnumKeyword && f.Depth <= depth + 1);
        var rootType = RejectsType(failures, depth);
        var matched = !mismatch && DiscriminatorMatches(branch, instance, 0);
        var missing = failures.Count(f => f.Source is RequiredKeyword && f.Depth == depth);
        var deepest = failures.Count == 0 ? 0 : failures.Max(f => f.Depth);
        return new Score(mismatch, rootType, !matched, missing, failures.Count, -deepest);
    }

    /// <summary>The branch declares a const/enum property (e.g. <c>type: {const: MX}</c>) that the value satisfies.</summary>
    private static bool DiscriminatorMatches(SchemaNode schema, Node instance, int hops)
    {
        if (instance is not MapNode map || hops > MaxHops)
        {
            return false;
        }

        foreach (var k in schema.Keywords)
        {
            switch (k)
            {
                case PropertiesKeyword p:
                    foreach (var (name, sub) in p.Schemas)
                    {
                        if (sub.Keywords.Any(x => x is ConstKeyword or EnumKeyword) && map.TryGetValue(name, out var value) && sub.Evaluate(value, null))
                        {
                            return true;
                        }
                    }

                    break;
                case RefKeyword r when DiscriminatorMatches(r.Target, instance, hops + 1):
                    return true;
                case AllOfKeyword a when a.Branches.Any(b => DiscriminatorMatches(b, instance, hops + 1)):
                    return true;
            }
        }

        return false;
    }

    /// <summary>Lower is a more plausible branch; compared field by field.</summary>
    private readonly record struct Score(bool DiscriminatorMismatch, bool WrongType, bool NoDiscriminatorMatch, int MissingRequired, int Errors, int NegativeDepth)
        : IComparable<Score>
    {
        public int CompareTo(Score other)
        {
            var c = DiscriminatorMismatch.CompareTo(other.DiscriminatorMismatch);
            if (c == 0)
            {
                c = WrongType.CompareTo(other.WrongType);
            }

            if (c == 0)
            {
                c = NoDiscriminatorMatch.CompareTo(other.NoDiscriminatorMatch);
            }

            if (c == 0)
            {
                c = MissingRequired.CompareTo(other.MissingRequired);
            }

            if (c == 0)
            {
                c = Errors.CompareTo(other.Errors);
            }

            return c != 0 ? c : NegativeDepth.CompareTo(other.NegativeDepth);
        }
    }
}
