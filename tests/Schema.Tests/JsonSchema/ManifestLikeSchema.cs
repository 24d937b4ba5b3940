namespace Reconciler.Schema.Tests.JsonSchema;

/// <summary>A small schema shaped like our domain manifests, for message and position tests.</summary>
internal static class ManifestLikeSchema
{
    public const string Json = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["domain", "dmarc"],
          "additionalProperties": false,
          "properties": {
            "domain": { "type": "string", "format": "hostname" },
            "ttl": { "type": "integer", "minimum": 60 },
            "contact": { "type": "string", "format": "email" },
            "dmarc": {
              "type": "object",
              "additionalProperties": false,
              "properties": { "policy": { "enum": ["none", "quarantine", "reject"] } }
            },
            "records": { "type": "array", "items": { "$ref": "#/$defs/record" } },
            "aliases": {
              "type": "object",
              "propertyNames": { "pattern": "^[a-z0-9._-]+$" },
              "additionalProperties": { "type": "string" }
            }
          },
          "$defs": {
            "record": {
              "oneOf": [
                {
                  "title": "A record",
                  "type": "object",
                  "required": ["type", "name", "value"],
                  "additionalProperties": false,
                  "properties": {
                    "type": { "const": "A" },
                    "name": { "type": "string" },
                    "value": { "type": "string", "format": "ipv4" }
                  }
                },
                {
                  "title": "MX record",
                  "type": "object",
                  "required": ["type", "priority", "value"],
                  "additionalProperties": false,
                  "properties": {
                    "type": { "const": "MX" },
                    "name": { "type": "string" },
                    "priority": { "type": "integer", "minimum": 0 },
                    "value": { "type": "string", "format": "hostname" }
                  }
                }
              ]
            }
          }
        }
        """;
}
