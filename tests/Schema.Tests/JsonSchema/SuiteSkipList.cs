namespace Reconciler.Schema.Tests.JsonSchema;

/// <summary>
/// Every official-suite group we do not pass, with the reason. This is the honest record of what the validator
/// does not support; <see cref="OfficialSuiteTests"/> checks each entry still applies.
/// </summary>
public static class SuiteSkipList
{
    private const string DynamicRef = "$dynamicRef is not supported (Compile throws UnsupportedSchemaException)";
    private const string UnevaluatedProperties = "unevaluatedProperties is not supported (Compile throws UnsupportedSchemaException)";
    private const string UnevaluatedItems = "unevaluatedItems is not supported (Compile throws UnsupportedSchemaException)";
    private const string MetaSchema = "$ref to the 2020-12 meta-schema, which is not bundled: it is built on $dynamicRef";
    private const string CustomDialect = "custom meta-schema/$vocabulary: only the standard 2020-12 dialect is supported";
    private const string Remote = "$ref to a remote document the suite serves from localhost:1234; those documents are not in the shared suite folder and nothing is fetched: ";
    private const string FormatIsAsserted =
        "by design we assert format (the format-assertion vocabulary), so invalid strings fail; this group expects format to be an annotation only";

    public static readonly IReadOnlyList<SkippedGroup> Entries =
    [
        new("defs.json", "validate definition against metaschema", SkipKind.Unsupported, MetaSchema),

        new("dynamicRef.json", "A $dynamicRef to a $dynamicAnchor in the same schema resource behaves like a normal $ref to an $anchor", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "A $dynamicRef to an $anchor in the same schema resource behaves like a normal $ref to an $anchor", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "A $dynamicRef resolves to the first $dynamicAnchor still in scope that is encountered when the schema is evaluated", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "A $dynamicRef without anchor in fragment behaves identical to $ref", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "A $dynamicRef with intermediate scopes that don't include a matching $dynamicAnchor does not affect dynamic scope resolution", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "An $anchor with the same name as a $dynamicAnchor is not used for dynamic scope resolution", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "A $dynamicRef without a matching $dynamicAnchor in the same schema resource behaves like a normal $ref to $anchor", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "A $dynamicRef with a non-matching $dynamicAnchor in the same schema resource behaves like a normal $ref to $anchor", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "A $dynamicRef that initially resolves to a schema with a matching $dynamicAnchor resolves to the first $dynamicAnchor in the dynamic scope", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "A $dynamicRef that initially resolves to a schema without a matching $dynamicAnchor behaves like a normal $ref to $anchor", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "multiple dynamic paths to the $dynamicRef keyword", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "after leaving a dynamic scope, it is not used by a $dynamicRef", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "strict-tree schema, guards against misspelled properties", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/tree.json"),
        new("dynamicRef.json", "tests for implementation dynamic anchor and reference link", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/extendible-dynamic-ref.json"),
        new("dynamicRef.json", "$ref and $dynamicAnchor are independent of order - $defs first", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/extendible-dynamic-ref.json"),
        new("dynamicRef.json", "$ref and $dynamicAnchor are independent of order - $ref first", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/extendible-dynamic-ref.json"),
        new("dynamicRef.json", "$ref to $dynamicRef finds detached $dynamicAnchor", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/detached-dynamicref.json"),
        new("dynamicRef.json", "$dynamicRef points to a boolean schema", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "$dynamicRef skips over intermediate resources - direct reference", SkipKind.Unsupported, DynamicRef),
        new("dynamicRef.json", "$dynamicRef avoids the root of each schema, but scopes are still registered", SkipKind.Unsupported, DynamicRef),

        new("format.json", "email format", SkipKind.Deviation, FormatIsAsserted),
        new("format.json", "idn-email format", SkipKind.Deviation, FormatIsAsserted),
        new("format.json", "ipv4 format", SkipKind.Deviation, FormatIsAsserted),
        new("format.json", "ipv6 format", SkipKind.Deviation, FormatIsAsserted),
        new("format.json", "idn-hostname format", SkipKind.Deviation, FormatIsAsserted),
        new("format.json", "hostname format", SkipKind.Deviation, FormatIsAsserted),
        new("format.json", "date format", SkipKind.Deviation, FormatIsAsserted),
        new("format.json", "date-time format", SkipKind.Deviation, FormatIsAsserted),
        new("format.json", "uri format", SkipKind.Deviation, FormatIsAsserted),
        new("format.json", "duration format", SkipKind.Deviation, FormatIsAsserted),

        new("not.json", "collect annotations inside a 'not', even if collection is disabled", SkipKind.Unsupported, UnevaluatedProperties),

        new("ref.json", "remote ref, containing refs itself", SkipKind.Unsupported, MetaSchema),
        new("ref.json", "ref creates new scope when adjacent to keywords", SkipKind.Unsupported, UnevaluatedProperties),

        new("refRemote.json", "remote ref", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/integer.json"),
        new("refRemote.json", "fragment within remote ref", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/subSchemas.json"),
        new("refRemote.json", "anchor within remote ref", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/locationIndependentIdentifier.json"),
        new("refRemote.json", "ref within remote ref", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/subSchemas.json"),
        new("refRemote.json", "base URI change", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/baseUriChange/folderInteger.json"),
        new("refRemote.json", "base URI change - change folder", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/baseUriChangeFolder/folderInteger.json"),
        new("refRemote.json", "base URI change - change folder in subschema", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/baseUriChangeFolderInSubschema/folderInteger.json"),
        new("refRemote.json", "root ref in remote ref", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/name-defs.json"),
        new("refRemote.json", "remote ref with ref to defs", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/ref-and-defs.json"),
        new("refRemote.json", "Location-independent identifier in remote ref", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/locationIndependentIdentifier.json"),
        new("refRemote.json", "retrieved nested refs resolve relative to their URI not $id", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/nested/foo-ref-string.json"),
        new("refRemote.json", "remote HTTP ref with different $id", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/different-id-ref-string.json"),
        new("refRemote.json", "remote HTTP ref with different URN $id", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/urn-ref-string.json"),
        new("refRemote.json", "remote HTTP ref with nested absolute ref", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/nested-absolute-ref-to-string.json"),
        new("refRemote.json", "$ref to $ref finds detached $anchor", SkipKind.Unsupported, Remote + "http://localhost:1234/draft2020-12/detached-ref.json"),

        new("unevaluatedItems.json", "unevaluatedItems true", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems false", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems as schema", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with uniform items", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with tuple", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with items and prefixItems", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with items", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with nested tuple", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with nested items", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with nested prefixItems and items", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with nested unevaluatedItems", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with anyOf", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with oneOf", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with not", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with if/then/else", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with boolean schemas", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with $ref", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems before $ref", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with $dynamicRef", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems can't see inside cousins", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "item is evaluated in an uncle schema to unevaluatedItems", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems depends on adjacent contains", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems depends on multiple nested contains", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems and contains interact to control item dependency relationship", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with minContains = 0", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "non-array instances are valid", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems with null instance elements", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "unevaluatedItems can see annotations from if without then and else", SkipKind.Unsupported, UnevaluatedItems),
        new("unevaluatedItems.json", "Evaluated items collection needs to consider instance location", SkipKind.Unsupported, UnevaluatedItems),

        new("unevaluatedProperties.json", "unevaluatedProperties true", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties schema", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties false", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with adjacent properties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with adjacent patternProperties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with adjacent bool additionalProperties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with adjacent non-bool additionalProperties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with nested properties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with nested patternProperties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with nested additionalProperties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with nested unevaluatedProperties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with anyOf", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with oneOf", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with not", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with if/then/else", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with if/then/else, then not defined", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with if/then/else, else not defined", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with dependentSchemas", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with boolean schemas", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with $ref", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties before $ref", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with $dynamicRef", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties can't see inside cousins", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties can't see inside cousins (reverse order)", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "nested unevaluatedProperties, outer false, inner true, properties outside", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "nested unevaluatedProperties, outer false, inner true, properties inside", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "nested unevaluatedProperties, outer true, inner false, properties outside", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "nested unevaluatedProperties, outer true, inner false, properties inside", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "cousin unevaluatedProperties, true and false, true with properties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "cousin unevaluatedProperties, true and false, false with properties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "property is evaluated in an uncle schema to unevaluatedProperties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "in-place applicator siblings, allOf has unevaluated", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "in-place applicator siblings, anyOf has unevaluated", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties + single cyclic ref", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties + ref inside allOf / oneOf", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "dynamic evalation inside nested refs", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "non-object instances are valid", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties with null valued instance properties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties not affected by propertyNames", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "unevaluatedProperties can see annotations from if without then and else", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "dependentSchemas with unevaluatedProperties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "Evaluated properties collection needs to consider instance location", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "Evaluated properties collection needs to consider instance location with patternProperties", SkipKind.Unsupported, UnevaluatedProperties),
        new("unevaluatedProperties.json", "Evaluated properties collection needs to consider instance location with additionalProperties", SkipKind.Unsupported, UnevaluatedProperties),

        new("vocabulary.json", "schema that uses custom metaschema with with no validation vocabulary", SkipKind.Unsupported, CustomDialect),
        new("vocabulary.json", "ignore unrecognized optional vocabulary", SkipKind.Unsupported, CustomDialect),
    ];

    public static SkippedGroup? Find(string file, string group) =>
        Entries.FirstOrDefault(e => e.File == file && e.Group == group);
}
