using System.Text.Json;
using System.Text.Json.Serialization;

namespace KtvRec.Bench.Service;

/// <summary>JSON as a jukebox client sends it: camelCase names and enums, nothing for what is unknown.</summary>
public static class ServiceJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) }, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
