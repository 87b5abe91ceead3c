namespace AsyncioGen.Generator.Models;

/// <summary>One type of the containing chain, as its partial declaration is written: <c>readonly partial struct Foo&lt;T&gt;</c>.</summary>
/// <param name="Modifiers">Modifiers before <c>partial</c> (<c>static </c>, <c>readonly ref </c>, …).</param>
/// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>interface</c>, <c>record</c> or <c>record struct</c>.</param>
/// <param name="NameWithTypeParameters">The name and type parameter list, with variance for interfaces.</param>
internal sealed record TypeDeclarationModel(string Modifiers, string Keyword, string NameWithTypeParameters);
