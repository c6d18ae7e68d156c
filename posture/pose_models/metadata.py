"""Writing TFLite model metadata: the image input's NormalizationOptions the Tasks API requires.

`mediapipe.tasks.python.metadata` (the official writer) fails to import in current mediapipe
wheels, so the metadata is written with the generated flatbuffer schemas that do import. The
model is unpacked into its object form, gains one buffer holding the metadata flatbuffer plus a
"TFLITE_METADATA" entry pointing at it, and is packed again. Packing is deterministic, and every
byte vector (the weight buffers among them) is 16-byte aligned so the runtime can use the
weights in place.
"""

from __future__ import annotations

from typing import Any

import flatbuffers
import numpy as np

METADATA_NAME = "TFLITE_METADATA"
METADATA_IDENTIFIER = b"M001"
TFLITE_IDENTIFIER = b"TFL3"
BUFFER_ALIGNMENT = 16
MIN_PARSER_VERSION = "1.0.0"


class _AlignedBuilder(flatbuffers.Builder):  # type: ignore[misc]
    """A flatbuffer builder aligning every byte vector to 16 bytes, as TFLite's converter does."""

    def StartVector(self, elemSize: int, numElems: int, alignment: int) -> int:  # noqa: N802, N803 - flatbuffers' names
        if elemSize == 1:
            alignment = max(alignment, BUFFER_ALIGNMENT)
        return int(super().StartVector(elemSize, numElems, alignment))


def _text(value: str | bytes | None) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else (value or "")


def _metadata_buffer(meta: Any, model: Any, mean: float, std: float, name: str) -> bytes:
    """The metadata flatbuffer describing one image input normalized as (x - mean) / std."""
    subgraph = model.subgraphs[0]
    norm = meta.NormalizationOptionsT()
    norm.mean = [mean]
    norm.std = [std]
    unit = meta.ProcessUnitT()
    unit.optionsType = meta.ProcessUnitOptions.NormalizationOptions
    unit.options = norm
    image = meta.ImagePropertiesT()
    image.colorSpace = meta.ColorSpaceType.RGB
    content = meta.ContentT()
    content.contentPropertiesType = meta.ContentProperties.ImageProperties
    content.contentProperties = image
    stats = meta.StatsT()
    stats.max = [(255.0 - mean) / std]
    stats.min = [(0.0 - mean) / std]
    image_input = meta.TensorMetadataT()
    image_input.name = "image"
    image_input.content = content
    image_input.processUnits = [unit]
    image_input.stats = stats
    outputs = []
    for index in subgraph.outputs:
        output = meta.TensorMetadataT()
        output.name = _text(subgraph.tensors[index].name)
        outputs.append(output)
    subgraph_meta = meta.SubGraphMetadataT()
    subgraph_meta.inputTensorMetadata = [image_input]
    subgraph_meta.outputTensorMetadata = outputs
    model_meta = meta.ModelMetadataT()
    model_meta.name = name
    model_meta.subgraphMetadata = [subgraph_meta]
    model_meta.minParserVersion = MIN_PARSER_VERSION
    builder = flatbuffers.Builder(0)
    builder.Finish(model_meta.Pack(builder), METADATA_IDENTIFIER)
    return bytes(builder.Output())


def with_normalization(tflite: bytes, mean: float, std: float, name: str) -> bytes:
    """`tflite` with metadata saying its image input is normalized as (pixel - mean) / std.

    Any metadata the model already had under the same name is replaced; other metadata entries
    are kept. `name` becomes the metadata's model name.
    """
    from mediapipe.tasks.metadata import metadata_schema_py_generated as meta
    from mediapipe.tasks.metadata import schema_py_generated as schema

    if tflite[4:8] != TFLITE_IDENTIFIER:
        raise ValueError("not a TFLite flatbuffer")
    model = schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(tflite, 0))
    metadata = _metadata_buffer(meta, model, mean, std, name)
    buffer = schema.BufferT()
    buffer.data = np.frombuffer(metadata, dtype=np.uint8)
    model.buffers.append(buffer)
    entry = schema.MetadataT()
    entry.name = METADATA_NAME
    entry.buffer = len(model.buffers) - 1
    kept = [m for m in (model.metadata or []) if _text(m.name) != METADATA_NAME]
    model.metadata = [*kept, entry]
    builder = _AlignedBuilder(len(tflite) + len(metadata) + 4096)
    builder.Finish(model.Pack(builder), TFLITE_IDENTIFIER)
    return bytes(builder.Output())
