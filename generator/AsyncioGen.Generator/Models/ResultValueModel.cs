namespace AsyncioGen.Generator.Models;

/// <summary>One value of a callback that reports several.</summary>
/// <param name="Type">Fully qualified, with nullable annotations.</param>
/// <param name="Name">The name it has in the result (a record property, a tuple element); empty for an unnamed tuple element.</param>
internal sealed record ResultValueModel(string Type, string Name);
