//! A minimal zip reader for .docx: the central directory, stored and deflate
//! entries (inflated by `miniz_oxide`, the smallest pure-Rust inflate), CRC
//! checked. Only what a .docx needs; everything a hostile file could make
//! large is bounded.

/// Where reading a zip stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-central-directory record: not a zip (or cut short).
    NotZip,
    /// The directory or an entry points outside the file, or its data do not inflate.
    Corrupt,
    /// Password-protected entries.
    Encrypted,
    /// A compression method other than stored or deflate.
    Unsupported,
    /// More than [`MAX_ENTRIES`] entries, or an entry over its size limit.
    TooLarge,
}

/// A .docx has a few dozen parts.
pub const MAX_ENTRIES: usize = 10_000;

/// One entry of the central directory.
#[derive(Clone, Debug)]
pub struct Entry {
    pub name: String,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: usize,
    pub size: usize,
    local_offset: usize,
}

pub struct Archive<'a> {
    bytes: &'a [u8],
    pub entries: Vec<Entry>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

const EOCD: u32 = 0x0605_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;

impl<'a> Archive<'a> {
    /// Reads the central directory.
    pub fn open(bytes: &'a [u8]) -> Result<Self, ZipError> {
        // The end record is in the last 22 bytes plus a comment of up to 64 KiB.
        let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
        let eocd = (lowest..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| u32_at(bytes, i) == Some(EOCD))
            .ok_or(ZipError::NotZip)?;
        let count = u16_at(bytes, eocd + 10).ok_or(ZipError::NotZip)? as usize;
        let dir_offset = u32_at(bytes, eocd + 16).ok_or(ZipError::NotZip)? as usize;
        if count > MAX_ENTRIES {
            return Err(ZipError::TooLarge);
        }
        // Zip64 (0xFFFFFFFF offsets) is never needed for a document this size.
        if dir_offset >= bytes.len() {
            return Err(ZipError::Corrupt);
        }
        let mut entries = Vec::with_capacity(count);
        let mut at = dir_offset;
        for _ in 0..count {
            if u32_at(bytes, at) != Some(CENTRAL) {
                return Err(ZipError::Corrupt);
            }
            let field = |off: usize| u16_at(bytes, at + off).ok_or(ZipError::Corrupt);
            let word = |off: usize| u32_at(bytes, at + off).ok_or(ZipError::Corrupt);
            let name_len = field(28)? as usize;
            let extra_len = field(30)? as usize;
            let comment_len = field(32)? as usize;
            let name = bytes
                .get(at + 46..at + 46 + name_len)
                .ok_or(ZipError::Corrupt)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                flags: field(8)?,
                method: field(10)?,
                crc: word(16)?,
                compressed: word(20)? as usize,
                size: word(24)? as usize,
                local_offset: word(42)? as usize,
            });
            at += 46 + name_len + extra_len + comment_len;
        }
        Ok(Archive { bytes, entries })
    }

    /// The entry of this name; names compare without case, as Word does.
    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The entry's bytes, refused when they would exceed `limit` once inflated.
    pub fn read(&self, entry: &Entry, limit: usize) -> Result<Vec<u8>, ZipError> {
        if entry.flags & 1 != 0 {
            return Err(ZipError::Encrypted);
        }
        if entry.size > limit {
            return Err(ZipError::TooLarge);
        }
        let at = entry.local_offset;
        if u32_at(self.bytes, at) != Some(LOCAL) {
            return Err(ZipError::Corrupt);
        }
        let name_len = u16_at(self.bytes, at + 26).ok_or(ZipError::Corrupt)? as usize;
        let extra_len = u16_at(self.bytes, at + 28).ok_or(ZipError::Corrupt)? as usize;
        let start = at
            .checked_add(30 + name_len + extra_len)
            .ok_or(ZipError::Corrupt)?;
        let data = self
            .bytes
            .get(start..start.saturating_add(entry.compressed))
            .ok_or(ZipError::Corrupt)?;
        let out = match entry.method {
            0 => data.to_vec(),
            // Inflation stops at the declared size, so a directory that
            // understates a bomb's size cannot make it allocate more.
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, entry.size)
                .map_err(|_| ZipError::Corrupt)?,
            _ => return Err(ZipError::Unsupported),
        };
        if out.len() != entry.size || crc32(&out) != entry.crc {
            return Err(ZipError::Corrupt);
        }
        Ok(out)
    }
}

const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

pub fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| {
        CRC_TABLE[((c ^ b as u32) & 0xFF) as usize] ^ (c >> 8)
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip of stored entries, as a test needs one.
    pub(crate) fn stored_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut dir = Vec::new();
        for (name, data) in files {
            let offset = out.len() as u32;
            let crc = crc32(data);
            let mut local = Vec::new();
            local.extend(LOCAL.to_le_bytes());
            local.extend([20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            local.extend(crc.to_le_bytes());
            local.extend((data.len() as u32).to_le_bytes());
            local.extend((data.len() as u32).to_le_bytes());
            local.extend((name.len() as u16).to_le_bytes());
            local.extend(0u16.to_le_bytes());
            local.extend(name.as_bytes());
            out.extend(local);
            out.extend(*data);
            dir.extend(CENTRAL.to_le_bytes());
            dir.extend([20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
            dir.extend(crc.to_le_bytes());
            dir.extend((data.len() as u32).to_le_bytes());
            dir.extend((data.len() as u32).to_le_bytes());
            dir.extend((name.len() as u16).to_le_bytes());
            dir.extend([0; 12]);
            dir.extend(offset.to_le_bytes());
            dir.extend(name.as_bytes());
        }
        let dir_offset = out.len() as u32;
        let dir_len = dir.len() as u32;
        out.extend(dir);
        out.extend(EOCD.to_le_bytes());
        out.extend([0, 0, 0, 0]);
        out.extend((files.len() as u16).to_le_bytes());
        out.extend((files.len() as u16).to_le_bytes());
        out.extend(dir_len.to_le_bytes());
        out.extend(dir_offset.to_le_bytes());
        out.extend([0, 0]);
        out
    }

    #[test]
    fn crc_of_a_known_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn stored_entries_read_back_and_a_flipped_byte_is_corrupt() {
        let mut zip = stored_zip(&[("a.txt", b"hello"), ("word/document.xml", b"<x/>")]);
        let archive = Archive::open(&zip).expect("opens");
        let entry = archive.find("WORD/document.xml").expect("found");
        assert_eq!(archive.read(entry, 100).expect("reads"), b"<x/>");
        assert_eq!(archive.read(entry, 3), Err(ZipError::TooLarge));
        // Corrupt the stored "hello".
        let at = zip.windows(5).position(|w| w == b"hello").expect("in zip");
        zip[at] = b'j';
        let archive = Archive::open(&zip).expect("opens");
        let entry = archive.find("a.txt").expect("found");
        assert_eq!(archive.read(entry, 100), Err(ZipError::Corrupt));
    }

    #[test]
    fn not_a_zip_and_cut_short() {
        assert_eq!(Archive::open(b"hello").err(), Some(ZipError::NotZip));
        let zip = stored_zip(&[("a.txt", b"hello")]);
        assert_eq!(
            Archive::open(&zip[..zip.len() - 30]).err(),
            Some(ZipError::NotZip)
        );
    }
}
