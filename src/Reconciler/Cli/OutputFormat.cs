namespace Reconciler.Cli;

public enum OutputFormat
{
    Text,
    Json,
    Markdown,
    Html,
}
