using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NewsPlatform.Platform.EventStore.Export;
using NewsPlatform.Platform.Http;
using Weasel.Core;

namespace NewsPlatform.UnitTests.Analysts;

/// <summary>
/// The export transcodes each event's stored JSON (Marten's) into the API's JSON without building the event: for every
/// event record of every service, filled with sample values (nested records, lists, maps, enums, nulls, instants with an
/// offset, text to escape), the transcoded JSON equals what serialising the event with the API's options gives.
/// </summary>
public sealed class EventDataShapeTests
{
    private static readonly Marten.Services.SystemTextJsonSerializer Stored = new() { EnumStorage = EnumStorage.AsString };

    public static TheoryData<string> EventTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in EventCatalogueTests.AllEvents()) data.Add(type.AssemblyQualifiedName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Transcoding_the_stored_json_gives_what_the_api_serialiser_gives(string typeName)
    {
        var type = Type.GetType(typeName)!;
        foreach (var withNulls in new[] { false, true })
        {
            var sample = Sample(type, withNulls, depth: 0)!;
            var stored = Encoding.UTF8.GetBytes(Stored.ToJson(sample));
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = EventDataShape.Encoder }))
            {
                var reader = new Utf8JsonReader(stored);
                reader.Read();
                EventDataShape.For(type).Copy(ref reader, writer);
            }

            var expected = JsonSerializer.Serialize(sample, type, JsonDefaults.Web);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(buffer.WrittenSpan)),
                $"{type.Name}:\nexpected {expected}\nactual   {Encoding.UTF8.GetString(buffer.WrittenSpan)}");
        }
    }

    private static object? Sample(Type type, bool withNulls, int depth)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) return withNulls ? null : Sample(underlying, withNulls, depth);
        if (type == typeof(string)) return "Île <b>\"Maurice\"</b> & 'co' \u00e9\u4e2d\\";
        if (type == typeof(Guid)) return Guid.Parse("01a22925-e258-70b9-a439-59a067f07347");
        if (type == typeof(int)) return 42;
        if (type == typeof(long)) return 4_200_000_000L;
        if (type == typeof(bool)) return true;
        if (type == typeof(decimal)) return 12.50m;
        if (type == typeof(double)) return 0.25;
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 11, 20, 20, 0, 0, 123, TimeSpan.FromHours(4)).AddTicks(4567);
        if (type == typeof(DateTime)) return new DateTime(2026, 11, 20, 16, 0, 0, DateTimeKind.Utc);
        if (type == typeof(DateOnly)) return new DateOnly(2026, 11, 20);
        if (type == typeof(TimeSpan)) return TimeSpan.FromMinutes(90);
        if (type.IsEnum) return Enum.GetValues(type).GetValue(Enum.GetValues(type).Length - 1);
        if (type.IsGenericType && type.GetGenericArguments().Length == 2 && type.GetGenericArguments()[0] == typeof(string)
            && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)))
        {
            var valueType = type.GetGenericArguments()[1];
            var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
            map["readInFrench"] = Sample(valueType, withNulls, depth + 1);
            map["Upper Key"] = Sample(valueType, false, depth + 1);
            return map;
        }

        if (type.IsArray || (type.IsGenericType && type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))))
        {
            var element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(Sample(element, false, depth + 1));
            list.Add(Sample(element, withNulls, depth + 1));
            if (!type.IsArray) return list;
            var array = Array.CreateInstance(element, list.Count);
            list.CopyTo(array, 0);
            return array;
        }

        if (depth > 4) return null;
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke([.. constructor.GetParameters().Select(p =>
            withNulls && new NullabilityInfoContext().Create(p).ReadState == NullabilityState.Nullable ? null : Sample(p.ParameterType, withNulls, depth + 1))]);
    }
}
