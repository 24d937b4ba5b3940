using System.Globalization;

namespace Reconciler.Cli;

/// <summary>
/// Test-only clock seam at the host edge: when <see cref="OffsetVariable"/> holds a number of seconds, the process
/// runs with its clock shifted by that much, so an end-to-end test can come back after a staged cutover's
/// "not before" time without sleeping through a real TTL. Unset (always, outside tests) it is the system clock.
/// </summary>
public sealed class TestClock(TimeSpan offset) : TimeProvider
{
    public const string OffsetVariable = "RECONCILER_TEST_CLOCK_OFFSET_SECONDS";

    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>The system clock, or a shifted one when the test variable is set; a set but invalid value is an error
    /// rather than silently ignored, so a test never believes it moved the clock when it did not.</summary>
    public static TimeProvider FromEnvironment(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return System;
        }

        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
            ? new TestClock(TimeSpan.FromSeconds(seconds))
            : throw new FormatException($"{OffsetVariable} must be a whole number of seconds, not '{value}'");
    }
}
