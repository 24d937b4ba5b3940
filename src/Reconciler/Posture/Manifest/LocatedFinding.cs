using Reconciler.Schema.Loading;

namespace Reconciler.Posture.Manifest;

/// <summary>A posture finding about a manifest, with where in the manifest (or its template) the thing was written.</summary>
public sealed record LocatedFinding(PostureFinding Finding, SourcePosition Position);
