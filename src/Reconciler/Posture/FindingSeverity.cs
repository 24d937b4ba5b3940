namespace Reconciler.Posture;

/// <summary>How bad a posture finding is.</summary>
public enum FindingSeverity
{
    /// <summary>Something worth knowing; nothing is broken.</summary>
    Info,

    /// <summary>Works, but weakens protection or is likely to break later.</summary>
    Warning,

    /// <summary>Receivers will ignore or misread the record, or mail will be mis-authenticated.</summary>
    Error,
}
