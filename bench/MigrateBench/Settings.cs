using System.Globalization;

namespace Reconciler.MigrateBench;

internal sealed record Settings
{
    public int Mailboxes { get; init; } = 10;

    public int Messages { get; init; } = 10_000;

    public int Size { get; init; } = 20_000;

    public int Parallelism { get; init; } = 10;

    public int Batch { get; init; } = 500;

    public int LargeMegabytes { get; init; } = 50;

    public bool Verify { get; init; } = true;

    public static Settings Parse(string[] args)
    {
        var s = new Settings();
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => int.Parse(args[++i], CultureInfo.InvariantCulture);
            s = args[i] switch
            {
                "--mailboxes" => s with { Mailboxes = Next() },
                "--messages" => s with { Messages = Next() },
                "--size" => s with { Size = Next() },
                "--parallelism" => s with { Parallelism = Next() },
                "--batch" => s with { Batch = Next() },
                "--large-mb" => s with { LargeMegabytes = Next() },
                "--no-verify" => s with { Verify = false },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return s;
    }
}
