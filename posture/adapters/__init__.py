"""Adapters: the real world behind the seams, each module named after its technology.

OpenCV (`opencv_sources`, `opencv_camera`, `opencv_probe`, `opencv_pixels`, `opencv_imaging`),
MediaPipe (`mediapipe_pose`), SQLite (`sqlite/`), desktop notifications (`notify/`), files
(`private_files` with `open_folder`, the one writer of every file; `data_folder`,
`status_file`, `config_file`, `logfile`), processes and the
session (`single_instance`, `launcher`, `login_autostart`, `system_activity`), the terminal
(`terminal_progress`) and the clock's zone (`local_zone`). Adapters implement
`posture.ports` and may import `posture.core`, `posture.config`, `posture.ports` and
`posture.pose_models`; a failure at an adapter is logged once and the loop goes on.
"""
