using System;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one symbol-version requirement (e.g. GLIBCXX_3.4.32) of ELF64 shared libraries as weak
/// (Vernaux.vna_flags |= VER_FLG_WEAK), so the loader accepts a host whose library lacks that version.
/// Only sound when no relocation binds to a symbol of that version; see Directory.Build.targets.
/// </summary>
public sealed class MarkElfVersionNeedWeak : Microsoft.Build.Utilities.Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;

    [Required] public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();
    [Required] public string VersionName { get; set; } = "";

    /// <summary>Whether to say so at the default verbosity: true in one project only, so a build says it once.</summary>
    public bool Announce { get; set; }

    public override bool Execute()
    {
        foreach (var file in Files)
        {
            var path = file.ItemSpec;
            var bytes = File.ReadAllBytes(path);
            var changed = MarkWeak(bytes, VersionName);
            if (changed == null)
            {
                Log.LogMessage(MessageImportance.Low, "{0}: no version need {1}", path, VersionName);
                continue;
            }
            if (changed == true)
            {
                // The copy keeps the time of the file it was copied from, so the next build sees it unchanged and leaves it.
                var copiedAt = File.GetLastWriteTimeUtc(path);
                var temp = path + ".tmp";
                File.WriteAllBytes(temp, bytes);
                File.Replace(temp, path, null);
                File.SetLastWriteTimeUtc(path, copiedAt);
            }
            Log.LogMessage(changed == true && Announce ? MessageImportance.High : MessageImportance.Low,
                "{0}: version need {1} is weak (this host's libstdc++ lacks it; see Directory.Build.targets)", path, VersionName);
        }
        return !Log.HasLoggedErrors;
    }

    /// <returns>true when the flag was set now, false when it was already set, null when there is no such need.</returns>
    private static bool? MarkWeak(byte[] elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F'
            || elf[4] != 2 || elf[5] != 1)
            return null; // not a little-endian ELF64 file

        var sectionHeaders = (long)BitConverter.ToUInt64(elf, 0x28);
        var sectionHeaderSize = BitConverter.ToUInt16(elf, 0x3A);
        var sectionCount = BitConverter.ToUInt16(elf, 0x3C);
        for (var i = 0; i < sectionCount; i++)
        {
            var header = sectionHeaders + i * sectionHeaderSize;
            if (BitConverter.ToUInt32(elf, (int)header + 4) != ShtGnuVerneed) continue;

            var verneed = (long)BitConverter.ToUInt64(elf, (int)header + 24);
            var verneedCount = BitConverter.ToUInt32(elf, (int)header + 44);
            var linkedStrings = BitConverter.ToUInt32(elf, (int)header + 40);
            var strings = (long)BitConverter.ToUInt64(elf, (int)(sectionHeaders + linkedStrings * sectionHeaderSize) + 24);

            for (var need = 0; need < verneedCount; need++)
            {
                var auxCount = BitConverter.ToUInt16(elf, (int)verneed + 2);
                var aux = verneed + BitConverter.ToUInt32(elf, (int)verneed + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    if (ReadString(elf, strings + BitConverter.ToUInt32(elf, (int)aux + 8)) == versionName)
                    {
                        var flags = BitConverter.ToUInt16(elf, (int)aux + 4);
                        if ((flags & VerFlgWeak) != 0) return false;
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, (int)aux + 4);
                        return true;
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                verneed += BitConverter.ToUInt32(elf, (int)verneed + 12);
            }
        }
        return null;
    }

    private static string ReadString(byte[] elf, long offset)
    {
        var end = (int)offset;
        while (elf[end] != 0) end++;
        return Encoding.ASCII.GetString(elf, (int)offset, end - (int)offset);
    }
}
