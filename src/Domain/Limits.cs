namespace KtvRec.Domain;

/// <summary>Sizes of the stored fields, shared by the schema and the API's validation.</summary>
public static class Limits
{
    public const int IdLength = 128;
    public const int ShortTextLength = 64;
    public const int TitleLength = 256;
    public const int MaxTags = 32;
    public const int MaxPreferredLanguages = 16;
}
