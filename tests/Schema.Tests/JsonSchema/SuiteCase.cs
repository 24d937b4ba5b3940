using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Tests.JsonSchema;

public sealed record SuiteCase(string Description, Node Data, bool Valid);
