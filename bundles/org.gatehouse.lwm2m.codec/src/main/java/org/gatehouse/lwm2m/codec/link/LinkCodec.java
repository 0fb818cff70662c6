package org.gatehouse.lwm2m.codec.link;

import java.util.List;

import org.gatehouse.lwm2m.codec.CodecException;

/**
 * Reads and writes CoRE link format. Published with {@code lwm2m.content.format=40}. Implemented by
 * the codec bundle only.
 *
 * @since 1.0.0
 */
@org.osgi.annotation.versioning.ProviderType
public interface LinkCodec {

    byte[] encode(List<Link> links);

    /** Parses a link-format payload; a syntax error names the character offset at fault. */
    List<Link> decode(byte[] payload) throws CodecException;
}
