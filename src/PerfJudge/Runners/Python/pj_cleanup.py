"""Removes a candidate's scratch folder without ever leaving it.

Every step is relative to a directory descriptor opened with O_NOFOLLOW | O_DIRECTORY, so a
symbolic link the candidate planted is unlinked, never followed; a hard link is only a name, so
unlinking it leaves the file it shares (a host file, say) alone; nothing is read, written or
chowned. The candidate's processes are dead by then (killed by uid and by cgroup), but even a
live one renaming folders during the walk only moves where its own entries are deleted: the walk
holds descriptors of folders, not paths, so it never resolves a name outside the tree it opened.
Depth is bounded: below MAX_DEPTH a subfolder is moved up to the top of the tree (renameat,
descriptor-relative) and emptied from there, so a deep chain costs neither recursion nor
descriptors.
"""
import errno
import os

MAX_DEPTH = 32
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def _open_dir(name, dir_fd):
    """A descriptor of the folder NAME in DIR_FD; None when NAME is something else (then it was
    unlinked) or is gone."""
    try:
        return os.open(name, _DIR_FLAGS, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in (errno.ENOTDIR, errno.ELOOP):
            try:
                os.unlink(name, dir_fd=dir_fd)
            except FileNotFoundError:
                pass
        elif exc.errno != errno.ENOENT:
            raise
        return None


def _empty(top):
    stack = [(top, None)]  # (descriptor, name in the folder below it on the stack)
    flattened = 0
    while stack:
        fd = stack[-1][0]
        descend = None
        with os.scandir(fd) as entries:
            for entry in entries:
                sub = _open_dir(entry.name, fd)
                if sub is None:
                    continue
                if len(stack) < MAX_DEPTH:
                    descend = (sub, entry.name)
                    break
                os.close(sub)
                while True:
                    flattened += 1
                    target = ".pj-flat-%d" % flattened
                    try:
                        os.stat(target, dir_fd=top, follow_symlinks=False)
                    except FileNotFoundError:
                        break
                os.rename(entry.name, target, src_dir_fd=fd, dst_dir_fd=top)
        if descend is not None:
            stack.append(descend)
            continue
        _, name = stack.pop()
        if stack:
            os.close(fd)
            try:
                os.rmdir(name, dir_fd=stack[-1][0])
            except FileNotFoundError:
                pass


def remove_tree(path):
    """Deletes PATH and everything under it; a symbolic link at PATH itself is only unlinked."""
    parent, name = os.path.split(os.path.normpath(path))
    try:
        pfd = os.open(parent or ".", _DIR_FLAGS)
    except FileNotFoundError:
        return
    try:
        top = _open_dir(name, pfd)
        if top is None:
            return
        try:
            _empty(top)
        finally:
            os.close(top)
        os.rmdir(name, dir_fd=pfd)
    finally:
        os.close(pfd)
