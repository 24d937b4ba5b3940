namespace Reconciler.Schema.Model;

/// <summary>The qualifier of the final <c>all</c>: what happens to senders nothing else authorizes.</summary>
public enum SpfAll
{
    Fail,
    SoftFail,
    Neutral,
    Pass,
}
