using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

public sealed record DmarcPolicy(
    DmarcDisposition P,
    DmarcDisposition? Sp,
    int? Pct,
    IReadOnlyList<string> Rua,
    IReadOnlyList<string> Ruf,
    string? Adkim,
    string? Aspf,
    string? Fo,
    int? Ri,
    DateOnly? AlignmentVerified,
    SourcePosition Position);
