using Reconciler.Schema.Loading;

namespace Reconciler.Schema.Validation.JsonSchema;

/// <summary>
/// One reason a document does not match its schema, worded for the person editing the manifest.
/// </summary>
/// <param name="InstanceLocation">JSON Pointer to the offending value in the document ("" is the whole document).</param>
/// <param name="KeywordLocation">JSON Pointer of the failing keyword along the evaluation path, through any
/// <c>$ref</c> (the JSON Schema output format's keywordLocation), e.g. <c>/properties/records/items/$ref/required</c>.</param>
/// <param name="SchemaLocation">Where that keyword is written: the schema document's URI (empty for the main
/// document without an <c>$id</c>) and a pointer inside it, e.g. <c>#/$defs/record/required</c>.</param>
/// <param name="Keyword">The failing keyword, e.g. <c>required</c>.</param>
/// <param name="Message">What is wrong, e.g. <c>missing required property 'domain'</c>.</param>
/// <param name="Position">Where the offending value (or, for unknown and badly named keys, the key) is written.</param>
public sealed record SchemaError(
    string InstanceLocation,
    string KeywordLocation,
    string SchemaLocation,
    string Keyword,
    string Message,
    SourcePosition Position)
{
    public override string ToString()
    {
        var where = InstanceLocation.Length == 0 ? "(document)" : InstanceLocation;
        return Position.IsKnown ? $"{Position}: {where}: {Message}" : $"{where}: {Message}";
    }
}
