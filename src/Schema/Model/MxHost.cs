using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Model;

public sealed record MxHost(string Host, int Preference, SourcePosition Position);
