using FastProcedures.Workflows.Yaml;

namespace FastProcedures.Workflows.Tests.Definitions;

/// <summary>The reproductions of issue 14: hostile YAML neither kills nor hangs the process; each is one error at
/// its file:line:col. `serve` loads the same files at start-up, so this is also what keeps the server up.</summary>
public sealed class when_a_definition_file_is_hostile
{
    [Fact]
    public void a_self_referencing_alias_is_refused_at_the_alias() =>
        Assert.Equal("hostile.yaml:1:13: alias *s refers to the node that contains it (a cycle)",
            Hostile.Single("x-self: &s [*s]\nid: a\n").ToString());

    [Fact]
    public void an_alias_inside_its_own_mapping_is_refused() =>
        Assert.Equal("hostile.yaml:2:9: alias *m refers to the node that contains it (a cycle)",
            Hostile.Single("m: &m\n  self: *m\n").ToString());

    [Fact]
    public void twenty_thousand_nested_lists_are_refused_at_the_level_too_deep() =>
        // The root mapping is the first level.
        Assert.Equal($"hostile.yaml:1:{3 + YamlSource.MaxDepth}: nested deeper than {YamlSource.MaxDepth} levels",
            Hostile.Single(Hostile.Nested(20_000, "[", "]")).ToString());

    [Fact]
    public void twenty_thousand_nested_mappings_are_refused_at_the_level_too_deep() =>
        Assert.Equal($"hostile.yaml:1:{4 + 4 * (YamlSource.MaxDepth - 1)}: nested deeper than {YamlSource.MaxDepth} levels",
            Hostile.Single(Hostile.Nested(20_000, "{a: ", "}")).ToString());

    [Fact]
    public void twenty_thousand_nested_block_lists_are_refused() =>
        Assert.EndsWith($"nested deeper than {YamlSource.MaxDepth} levels",
            Hostile.Single("a:\n" + string.Concat(Enumerable.Repeat("- ", 20_000)) + "x\n").ToString());

    [Fact]
    public void a_billion_laughs_is_refused_without_expanding_it()
    {
        var error = Hostile.Single(Hostile.Laughs(9));

        Assert.Equal($"more than {YamlSource.MaxNodes} nodes once aliases are expanded", error.Message);
        Assert.Equal("hostile.yaml", error.File);
    }

    [Fact]
    public void aliases_of_a_long_text_cannot_multiply_it_past_the_bound()
    {
        var text = "t: &t " + new string('x', 500_000) + "\nc: [" + string.Join(", ", Enumerable.Repeat("*t", 20)) + "]\n";

        Assert.EndsWith("characters of text once aliases are expanded", Hostile.Single(text).Message);
    }

    [Fact]
    public void an_alias_copy_that_would_nest_too_deep_is_refused()
    {
        var deep = Hostile.Nested(YamlSource.MaxDepth - 1, "[", "]").Replace("a: ", "a: &d ");

        Assert.EndsWith($"nested deeper than {YamlSource.MaxDepth} levels", Hostile.Single(deep + "b: [[*d]]\n").Message);
    }

    [Fact]
    public void an_extra_document_is_refused_at_its_marker()
    {
        var text = Hostile.ValidText + "---\nid: smuggled\n";
        var line = text.Split('\n').ToList().IndexOf("---") + 1;

        Assert.Equal($"hostile.yaml:{line}:1: a second YAML document ('---') is not allowed: one definition or data set per file",
            Hostile.Single(text).ToString());
    }

    [Fact]
    public void an_alias_to_no_anchor_is_refused() =>
        Assert.Equal("hostile.yaml:1:4: alias *nowhere names no anchor defined before it", Hostile.Single("a: *nowhere\n").ToString());

    [Fact]
    public void a_duplicate_key_is_refused_at_the_second_key() =>
        Assert.Equal("hostile.yaml:3:1: duplicate key 'id'", Hostile.Single("id: a\nversion: 1\nid: b\n").ToString());

    [Fact]
    public void a_list_as_a_key_is_refused() =>
        Assert.Equal("hostile.yaml:1:3: a mapping key must be plain text, not a list, a mapping or an alias",
            Hostile.Single("? [a, b]\n: c\n").ToString());

    [Fact]
    public void a_version_too_large_for_a_number_is_refused() =>
        Assert.Equal("hostile.yaml:3:10: the number 99999999999999999999 is out of range (quote it if it is text)",
            Hostile.Single(Hostile.ValidText.Replace("version: 1\n", "version: 99999999999999999999\n")).ToString());

    [Fact]
    public void a_number_beyond_a_double_is_refused() =>
        Assert.EndsWith("the number 1e999 is out of range (quote it if it is text)",
            Hostile.Single(Hostile.ValidText.Replace("version: 1\n", "version: 1e999\n")).ToString());

    [Fact]
    public void a_file_over_the_size_limit_is_refused_unread() =>
        Assert.Equal($"hostile.yaml:1:1: the file has {YamlSource.MaxFileBytes + 10} characters; more than {YamlSource.MaxFileBytes} is refused",
            Hostile.Single("# " + new string('x', YamlSource.MaxFileBytes + 8)).ToString());

    [Fact]
    public void a_guard_of_a_hundred_thousand_operators_is_refused_not_overflowed() =>
        Assert.EndsWith($"is longer than {FastProcedures.Workflows.Definitions.Guard.MaxLength} characters",
            Hostile.Errors(Hostile.ValidText.Replace("\"outcome == 'rejected'\"", "\"" + new string('-', 100_000) + "1 == 1\"")).Split('\n')[0]);

    [Fact]
    public void a_short_guard_of_too_many_operators_is_refused() =>
        Assert.EndsWith($"has more than {FastProcedures.Workflows.Definitions.Guard.MaxOperators} operators and brackets",
            Hostile.Errors(Hostile.ValidText.Replace("\"outcome == 'rejected'\"", "\"" + new string('!', 300) + "true\"")).Split('\n')[0]);

    [Fact]
    public void an_empty_file_is_refused() =>
        Assert.Equal("hostile.yaml:1:1: the file is empty", Hostile.Single("# nothing but a comment\n").ToString());

    [Fact]
    public void anchors_and_aliases_within_bounds_still_work()
    {
        var text = Hostile.ValidText
            .Replace("  appeal-window:\n    description: The applicant may appeal.\n    unit: asylum\n",
                "  appeal-window:\n    description: &appeal The applicant may appeal.\n    unit: asylum\n")
            .Replace("    description: The limit passed.", "    description: *appeal");
        var (definition, errors) = Hostile.Load(text);

        Assert.Empty(errors);
        Assert.Equal("The applicant may appeal.", definition!.Stage("escalated").Description);
    }
}
