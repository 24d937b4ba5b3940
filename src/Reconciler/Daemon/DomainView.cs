using Reconciler.Planning;

namespace Reconciler.Daemon;

/// <summary>One domain as the status pages show it: its state, the plan last made for it and its drift report.</summary>
public sealed record DomainView(DomainState State, DomainPlan? Plan, string? DriftMarkdown, string? ManifestFile);
