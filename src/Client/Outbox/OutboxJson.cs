using System.Text.Json;
using System.Text.Json.Serialization;
using KtvRec.Client.Models;

namespace KtvRec.Client.Outbox;

/// <summary>The outbox's JSON, generated at build time: every tracked event is written through it, so it is the tracking's main cost.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlayEvent))]
internal sealed partial class OutboxJson : JsonSerializerContext;
