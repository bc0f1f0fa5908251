using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FastProcedures.Workflows.Sources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FastProcedures.Workflows.Yaml;

/// <summary>
/// A YAML file read as JSON (for JSON Schema validation and the model) that remembers where every node stood, so
/// each error points at <c>file:line:col</c>. Plain scalars become numbers, booleans or null as YAML 1.2's core
/// schema says; quoted scalars stay strings. Whatever the text, reading returns: nesting, size and alias expansion
/// are bounded, and every problem is a diagnostic, so a hostile file can exhaust neither the stack nor the memory.
/// </summary>
public sealed partial class YamlSource
{
    /// <summary>Larger files are refused (unread by the folder loader): a definition, calendar or data file is a few kilobytes.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>Deeper nesting is refused: definitions need about 8 levels (and JSON readers stop at 64).</summary>
    public const int MaxDepth = 32;

    /// <summary>More nodes than this, counting every copy an alias makes, are refused ("billion laughs").</summary>
    public const int MaxNodes = 100_000;

    /// <summary>More text than this in keys and scalars, counting alias copies, is refused.</summary>
    public const int MaxCharacters = 4 * MaxFileBytes;

    private readonly Dictionary<string, (int Line, int Column)> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Line, int Column)> _keys = new(StringComparer.Ordinal);

    private YamlSource(string file) => File = file;

    public string File { get; }
    public JsonNode? Root { get; private set; }

    /// <summary>Reads exactly one YAML document; on any problem <see cref="Root"/> is null and the problem is in
    /// <paramref name="errors"/>.</summary>
    public static YamlSource Parse(DefinitionSource source, List<Diagnostic> errors) => Parse(source.FileName, source.Text, errors);

    public static YamlSource Parse(string file, string text, List<Diagnostic> errors)
    {
        var source = new YamlSource(file);
        if (text.Length > MaxFileBytes)
        {
            errors.Add(new Diagnostic(file, 1, 1, $"the file has {text.Length} characters; more than {MaxFileBytes} is refused"));
            return source;
        }
        var reader = new Reader(source, errors);
        try
        {
            source.Root = reader.Read(new Parser(new System.IO.StringReader(text)));
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            errors.Add(new Diagnostic(file, Position(e.Start.Line), Position(e.Start.Column), "YAML: " + Tidy(message)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's own consistency checks (e.g. "..." before any document): malformed YAML all the same.
            errors.Add(new Diagnostic(file, Position(reader.Last.Line), Position(reader.Last.Column),
                "YAML: the text after this point is not well-formed YAML"));
        }
        catch (Refused)
        {
            // The reader recorded the diagnostic.
        }
        return source;
    }

    /// <summary>Where the value at a JSON pointer starts (or its nearest existing parent).</summary>
    public Diagnostic At(string pointer, string message)
    {
        var p = pointer;
        while (true)
        {
            if (_values.TryGetValue(p, out var at))
            {
                return new Diagnostic(File, at.Line, at.Column, message);
            }
            if (p.Length == 0)
            {
                return new Diagnostic(File, 1, 1, message);
            }
            p = p[..p.LastIndexOf('/')];
        }
    }

    /// <summary>Where the key of a mapping entry stands (falls back to its value).</summary>
    public Diagnostic AtKey(string pointer, string message) =>
        _keys.TryGetValue(pointer, out var at) ? new Diagnostic(File, at.Line, at.Column, message) : At(pointer, message);

    /// <summary>SHA-256 of the canonical form: the parsed document as compact JSON with sorted keys, so comments,
    /// layout and key order do not change a definition's identity while any change of content does.</summary>
    public string CanonicalSha256() =>
        System.Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(Root))));

    public static string Canonical(JsonNode? node)
    {
        var buffer = new StringBuilder();
        Write(node, buffer);
        return buffer.ToString();
    }

    private static void Write(JsonNode? node, StringBuilder buffer)
    {
        switch (node)
        {
            case JsonObject o:
                buffer.Append('{');
                var first = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) buffer.Append(',');
                    first = false;
                    buffer.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(value, buffer);
                }
                buffer.Append('}');
                break;
            case JsonArray a:
                buffer.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) buffer.Append(',');
                    Write(a[i], buffer);
                }
                buffer.Append(']');
                break;
            case null:
                buffer.Append("null");
                break;
            default:
                buffer.Append(node.ToJsonString());
                break;
        }
    }

    private static int Position(long value) => (int)Math.Clamp(value, 1, int.MaxValue);

    private static string Escape(string key) => key.Replace("~", "~0").Replace("/", "~1");

    /// <summary>Stops reading a file once its diagnostic is recorded.</summary>
    private sealed class Refused : Exception;

    /// <summary>Builds the JSON from the parser's events with an explicit stack (no recursion, so depth cannot
    /// overflow the call stack), resolving an alias only to a finished anchor and counting every node it copies.</summary>
    private sealed class Reader(YamlSource source, List<Diagnostic> errors)
    {
        private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
        private readonly Stack<Frame> _open = new();
        private int _nodes;
        private long _characters;
        private bool _hasRoot;
        private JsonNode? _root;

        /// <summary>Where the last event read started.</summary>
        public Mark Last { get; private set; } = Mark.Empty;

        public JsonNode? Read(IParser parser)
        {
            Expect<StreamStart>(parser);
            if (!parser.MoveNext() || parser.Current is StreamEnd)
            {
                Fail(Mark.Empty, "the file is empty");
            }
            if (parser.Current is not DocumentStart)
            {
                throw Unexpected(parser.Current);
            }
            while (!_hasRoot || _open.Count > 0)
            {
                if (!parser.MoveNext())
                {
                    throw Unexpected(parser.Current);
                }
                Take(parser.Current!);
            }
            Expect<DocumentEnd>(parser);
            if (parser.MoveNext() && parser.Current is DocumentStart second)
            {
                Fail(second.Start, "a second YAML document ('---') is not allowed: one definition or data set per file");
            }
            return _root;
        }

        private void Take(ParsingEvent e)
        {
            Last = e.Start;
            var expectsKey = _open.TryPeek(out var top) && top.ExpectsKey;
            switch (e)
            {
                case Scalar scalar when expectsKey:
                    Key(top!, scalar);
                    break;
                case NodeEvent or AnchorAlias when expectsKey:
                    Fail(e.Start, "a mapping key must be plain text, not a list, a mapping or an alias");
                    break;
                case Scalar scalar:
                    var value = Value(scalar);
                    var characters = scalar.Value.Length;
                    if (!scalar.Anchor.IsEmpty)
                    {
                        _anchors[scalar.Anchor.Value] = new Anchored(value, 1, characters, 0, true);
                    }
                    Reserve(e.Start, 1, characters, 0);
                    Attach(value?.DeepClone(), 1);
                    break;
                case AnchorAlias alias:
                    var name = alias.Value.Value;
                    if (!_anchors.TryGetValue(name, out var anchored))
                    {
                        Fail(alias.Start, $"alias *{name} names no anchor defined before it");
                    }
                    if (!anchored.Complete)
                    {
                        Fail(alias.Start, $"alias *{name} refers to the node that contains it (a cycle)");
                    }
                    // Counted before copying: the budget check comes before the memory is spent.
                    Reserve(alias.Start, anchored.Nodes, anchored.Characters, anchored.Depth);
                    Attach(anchored.Node?.DeepClone(), anchored.Depth + 1);
                    break;
                case MappingStart or SequenceStart:
                    Open((NodeEvent)e);
                    break;
                case MappingEnd or SequenceEnd:
                    Close();
                    break;
                default:
                    throw Unexpected(e);
            }
        }

        private void Open(NodeEvent start)
        {
            if (_open.Count >= MaxDepth)
            {
                Fail(start.Start, $"nested deeper than {MaxDepth} levels");
            }
            var pointer = ChildPointer();
            Count(1, 0, start.Start);
            source._values[pointer] = (Position(start.Start.Line), Position(start.Start.Column));
            if (!start.Anchor.IsEmpty)
            {
                // Until its end the anchor names an unfinished node: an alias to it inside would be a cycle.
                _anchors[start.Anchor.Value] = new Anchored(null, 0, 0, 0, false);
            }
            _open.Push(new Frame(start is MappingStart ? new JsonObject() : new JsonArray(), pointer, start.Anchor,
                _nodes - 1, _characters));
        }

        private void Close()
        {
            var frame = _open.Pop();
            var levels = Math.Max(frame.Depth, 1);
            if (!frame.Anchor.IsEmpty)
            {
                _anchors[frame.Anchor.Value] = new Anchored(frame.Node, _nodes - frame.NodesBefore,
                    _characters - frame.CharactersBefore, levels, true);
            }
            Attach(frame.Node, levels + 1);
        }

        private void Key(Frame frame, Scalar scalar)
        {
            var key = scalar.Value;
            if (((JsonObject)frame.Node).ContainsKey(key))
            {
                Fail(scalar.Start, $"duplicate key '{key}'");
            }
            Count(0, key.Length, scalar.Start);
            source._keys[frame.Pointer + "/" + Escape(key)] = (Position(scalar.Start.Line), Position(scalar.Start.Column));
            frame.PendingKey = key;
        }

        /// <summary>Counts a value about to be placed (a scalar, or an alias's copy) and records where it stands.</summary>
        private void Reserve(Mark at, int nodes, long characters, int depth)
        {
            if (_open.Count + depth > MaxDepth)
            {
                Fail(at, $"nested deeper than {MaxDepth} levels");
            }
            Count(nodes, characters, at);
            source._values[ChildPointer()] = (Position(at.Line), Position(at.Column));
        }

        private void Attach(JsonNode? value, int depth)
        {
            if (!_open.TryPeek(out var frame))
            {
                _root = value;
                _hasRoot = true;
                return;
            }
            frame.Depth = Math.Max(frame.Depth, depth);
            if (frame.Node is JsonArray array)
            {
                array.Add(value);
                return;
            }
            ((JsonObject)frame.Node)[frame.PendingKey!] = value;
            frame.PendingKey = null;
        }

        private string ChildPointer()
        {
            if (!_open.TryPeek(out var frame))
            {
                return "";
            }
            return frame.Node is JsonArray array
                ? frame.Pointer + "/" + array.Count.ToString(CultureInfo.InvariantCulture)
                : frame.Pointer + "/" + Escape(frame.PendingKey!);
        }

        private void Count(int nodes, long characters, Mark at)
        {
            _nodes += nodes;
            _characters += characters;
            if (_nodes > MaxNodes)
            {
                Fail(at, $"more than {MaxNodes} nodes once aliases are expanded");
            }
            if (_characters > MaxCharacters)
            {
                Fail(at, $"more than {MaxCharacters} characters of text once aliases are expanded");
            }
        }

        private JsonNode? Value(Scalar scalar)
        {
            var value = ScalarValue(scalar.Value, scalar.Style, out var problem);
            if (problem is not null)
            {
                Fail(scalar.Start, problem);
            }
            return value;
        }

        private static void Expect<T>(IParser parser) where T : ParsingEvent
        {
            if (!parser.MoveNext() || parser.Current is not T)
            {
                throw Unexpected(parser.Current);
            }
        }

        private static YamlException Unexpected(ParsingEvent? e) =>
            new(e?.Start ?? Mark.Empty, e?.End ?? Mark.Empty, e is null ? "unexpected end of the file" : $"unexpected {e.GetType().Name}");

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private void Fail(Mark at, string message)
        {
            errors.Add(new Diagnostic(source.File, Position(at.Line), Position(at.Column), message));
            throw new Refused();
        }

        private sealed record Anchored(JsonNode? Node, int Nodes, long Characters, int Depth, bool Complete);

        private sealed class Frame(JsonNode node, string pointer, AnchorName anchor, int nodesBefore, long charactersBefore)
        {
            public JsonNode Node { get; } = node;
            public string Pointer { get; } = pointer;
            public AnchorName Anchor { get; } = anchor;
            public int NodesBefore { get; } = nodesBefore;
            public long CharactersBefore { get; } = charactersBefore;
            public string? PendingKey { get; set; }

            /// <summary>How many levels of collections the finished children hold (a scalar counts 1).</summary>
            public int Depth { get; set; }

            public bool ExpectsKey => Node is JsonObject && PendingKey is null;
        }
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    /// <summary>A scalar as YAML 1.2's core schema reads it; numbers JSON (and the model's int fields) cannot hold are
    /// refused with <paramref name="problem"/> rather than failing later.</summary>
    private static JsonNode? ScalarValue(string text, ScalarStyle style, out string? problem)
    {
        problem = null;
        if (style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        if (Integer().IsMatch(text))
        {
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return JsonValue.Create(integer);
            }
            problem = $"the number {Shorten(text)} is out of range (quote it if it is text)";
            return null;
        }
        if (Float().IsMatch(text))
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && double.IsFinite(number) && Math.Abs(number) < 1e15)
            {
                // 3.0 is the integer 3 (its JSON is "3" either way), so integer fields read it as one.
                return number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue
                    ? JsonValue.Create((int)number)
                    : JsonValue.Create(number);
            }
            problem = $"the number {Shorten(text)} is out of range (quote it if it is text)";
            return null;
        }
        return JsonValue.Create(text);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    internal static string Tidy(string message) =>
        message.Replace("\r", " ").Replace("\n", " ").Trim();
}
