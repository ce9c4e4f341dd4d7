package io.vcon.storage.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vcon.storage.api.VconId;
import io.vcon.storage.api.VconSource;
import io.vcon.storage.tck.SampleVcons;
import io.vcon.storage.tck.VconSourceContract;
import org.junit.jupiter.api.Test;

class InMemoryVconSourceTest extends VconSourceContract {

  private final InMemoryVconSource backing = InMemoryVconSource.create();

  @Override
  protected VconSource newSource() {
    return backing;
  }

  @Override
  protected void seed(String id, byte[] document) {
    backing.putRaw(id, document);
  }

  @Test
  void putAndRemove() {
    var v = SampleVcons.vcon("2024-01-15T10:00:00Z");
    assertThat(backing.put(v).read(v.id())).isPresent();
    assertThat(backing.remove(v.id())).isTrue();
    assertThat(backing.remove(v.id())).isFalse();
    assertThat(backing.read(VconId.of(v.id().value()))).isEmpty();
  }
}
