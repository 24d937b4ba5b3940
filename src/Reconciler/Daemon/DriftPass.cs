using Reconciler.Planning;

namespace Reconciler.Daemon;

/// <summary>One detection pass: the plan per domain, each domain's desired fingerprint, and the drift reports.</summary>
public sealed record DriftPass(Plan Plan, IReadOnlyDictionary<string, string> Desired, IReadOnlyList<DriftReport> Reports);
