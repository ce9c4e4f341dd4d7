package io.vcon.storage.api;

import java.util.Arrays;

/**
 * The keys of every JSON object still open while a document streams past, one set per nesting
 * level, so a duplicate key is found at any depth in the same pass that checks the syntax (ADR
 * 0021).
 *
 * <p>Cheap on purpose, since every document is checked on every save and every read: a level is
 * reused by the next object at the same depth, an object with up to {@value #LINEAR} keys (most of
 * a vCon's) is checked by a linear scan of a small array, and a bigger one switches to an
 * open-addressing table of indices. Jackson hands out one canonical {@code String} per distinct
 * key, so {@code equals} mostly ends at the identity check and the hash code is already cached.
 * Clearing costs what the object held, never the largest table seen so far, so a document cannot
 * make it quadratic. One instance per document; not thread-safe.
 */
final class KeySets {

  private static final int LINEAR = 8;

  private Level[] levels = new Level[8];
  private int depth = -1;

  /** An object starts: its keys go into a fresh (cleared) set one level deeper. */
  void enter() {
    depth++;
    if (depth == levels.length) {
      levels = Arrays.copyOf(levels, depth * 2);
    }
    Level level = levels[depth];
    if (level == null) {
      levels[depth] = new Level();
    } else {
      level.clear();
    }
  }

  /** The innermost open object ends. */
  void exit() {
    depth--;
  }

  /** Adds a key of the innermost open object; {@code false} when that object already has it. */
  boolean add(String key) {
    return levels[depth].add(key);
  }

  private static final class Level {
    private static final int SMALL_TABLE = 4 * LINEAR;

    private String[] keys = new String[LINEAR];
    private int size;
    // Slot -> index + 1 into keys (0 = empty); only once an object has more than LINEAR keys.
    private int[] table;
    private boolean hashed;

    boolean add(String key) {
      if (!hashed) {
        int hash = key.hashCode();
        for (int i = 0; i < size; i++) {
          String seen = keys[i];
          if (seen == key || seen.hashCode() == hash && seen.equals(key)) {
            return false;
          }
        }
        if (size < LINEAR) {
          keys[size++] = key;
          return true;
        }
        startHashing();
      }
      int mask = table.length - 1;
      int slot = spread(key.hashCode()) & mask;
      for (int at; (at = table[slot]) != 0; slot = (slot + 1) & mask) {
        if (keys[at - 1].equals(key)) {
          return false;
        }
      }
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
      }
      keys[size++] = key;
      table[slot] = size;
      if (size * 2 > table.length) {
        rehash(table.length * 2);
      }
      return true;
    }

    private void startHashing() {
      hashed = true;
      if (table == null) {
        table = new int[SMALL_TABLE];
      }
      reindex();
    }

    private void rehash(int capacity) {
      table = new int[capacity];
      reindex();
    }

    private void reindex() {
      int mask = table.length - 1;
      for (int i = 0; i < size; i++) {
        int slot = spread(keys[i].hashCode()) & mask;
        while (table[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        table[slot] = i + 1;
      }
    }

    void clear() {
      if (hashed) {
        // A table grown for a big object is dropped, not zeroed for every small object after it.
        if (table.length == SMALL_TABLE) {
          Arrays.fill(table, 0);
        } else {
          table = null;
        }
        hashed = false;
      }
      size = 0;
    }

    private static int spread(int h) {
      return h ^ (h >>> 16);
    }
  }
}
