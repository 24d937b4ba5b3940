using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

public sealed record AdminRole(string Who, AdminRoleKind Role, SourcePosition Position);
